/**
 * A template that cannot be parsed or rendered. The message is what the delivery log shows, so it says
 * what went wrong in the template author's terms (with the line for syntax errors), as Jinja2 would.
 */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}
