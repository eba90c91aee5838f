import { lex, type Segment } from './lexer';
import { pythonLines } from './python-lines';

/** One line of a template, as `str.splitlines()` cuts the template's text. */
export interface TemplateLine {
  /** 1-based. */
  number: number;
  text: string;
  /**
   * Every rendering that prints this line prints it exactly as written, as a whole line of the output:
   * the line and the line breaks around it are plain template text (no tag, comment or whitespace
   * control touches them). Such a line can be checked before anything is rendered.
   */
  verbatim: boolean;
}

/**
 * The lines of a template as the lines of its output will be cut (Python's `str.splitlines()`, as
 * NetBox cuts `additional_headers`), each marked verbatim or not. The template is read as Jinja2 reads
 * it: newlines normalised, one trailing newline dropped. Throws `TemplateError` for a template Jinja2's
 * lexer refuses.
 */
export function templateLines(source: string): TemplateLine[] {
  const lexed = lex(source);
  const texts = lexed.segments.filter(
    (segment): segment is Extract<Segment, { kind: 'text' }> => segment.kind === 'text',
  );
  const lines = pythonLines(lexed.source);
  let segment = 0;
  return lines.map((line, index) => {
    // The line is whole in the output only if the break before it (or the template's start) and the
    // break after it (or the template's end) are printed with it, from the same piece of text.
    const from = index === 0 ? 0 : lines[index - 1].end;
    const to = line.next;
    while (segment < texts.length && texts[segment].start + texts[segment].text.length < to) segment += 1;
    const holder = texts[segment];
    const verbatim = holder !== undefined && holder.start <= from;
    return { number: index + 1, text: line.text, verbatim };
  });
}
