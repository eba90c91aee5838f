/**
 * A template that cannot be parsed or rendered. The message is what the delivery log shows, so it says
 * what went wrong in the template author's terms (with the line for syntax errors), as Jinja2 would.
 */
export class TemplateError extends Error {
  /**
   * @param reason what went wrong, without the line
   * @param line the template line a syntax error is on (Jinja2's `lineno`), when there is one
   */
  constructor(
    readonly reason: string,
    readonly line?: number,
  ) {
    super(line === undefined ? reason : `line ${line}: ${reason}`);
    this.name = 'TemplateError';
  }
}
