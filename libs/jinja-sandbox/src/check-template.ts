import type { Statement } from './nodes';
import { parseTemplate } from './parser';
import { TemplateError } from './template-error';
import { findUnsafeAccess } from './unsafe-access';

export type TemplateCheck = { ok: true } | { ok: false; message: string };

/**
 * Whether a template can be stored: it parses (Jinja2 reports syntax errors only when rendering, so
 * NetBox stores a broken template and fails every delivery of it), and it names no private member
 * (see `findUnsafeAccess`). A static check of the parsed template: nothing is rendered, so the answer
 * does not depend on data. The message names the line.
 */
export function checkTemplate(source: string): TemplateCheck {
  let statements: Statement[];
  try {
    statements = parseTemplate(source);
  } catch (error) {
    if (error instanceof TemplateError) {
      const where = error.line === undefined ? '' : ` (line ${error.line})`;
      const reason = error.reason.replace(/\.$/, '');
      return { ok: false, message: `Template syntax error: ${reason}${where}` };
    }
    if (error instanceof RangeError) return tooDeep();
    throw error;
  }
  let unsafe: ReturnType<typeof findUnsafeAccess>;
  try {
    unsafe = findUnsafeAccess(statements);
  } catch (error) {
    if (error instanceof RangeError) return tooDeep();
    throw error;
  }
  if (unsafe === undefined) return { ok: true };
  return {
    ok: false,
    message: `Unsafe template: ${unsafe.construct} (line ${unsafe.line}) names a private member; names starting with '_' are not allowed.`,
  };
}

/** Rendering would fail the same way (`the template is nested too deeply`). */
function tooDeep(): TemplateCheck {
  return { ok: false, message: 'Template syntax error: the template is nested too deeply' };
}
