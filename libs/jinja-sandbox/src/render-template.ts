import { DEFAULT_RENDER_LIMITS, execute, type RenderSettings } from './interpreter';
import type { Statement } from './nodes';
import { parseTemplate } from './parser';
import { TemplateError } from './template-error';

/** Bounds default to `DEFAULT_RENDER_LIMITS`. */
export type RenderOptions = Partial<RenderSettings>;

// Webhooks are few and their templates change rarely; a full cache is simply dropped.
const MAX_CACHED_TEMPLATES = 1_000;
const compiled = new Map<string, Statement[] | TemplateError>();

/**
 * Renders a Jinja2 template the way NetBox's sandboxed environment does (Python values, Jinja2's default
 * `Undefined`, no autoescaping, final newline dropped). Throws only `TemplateError`, whatever the
 * template or the data: a broken template fails its delivery, never the dispatcher.
 */
export function renderTemplate(
  source: string,
  context: Record<string, unknown>,
  options: RenderOptions = {},
): string {
  try {
    return execute(compile(source), context, { ...DEFAULT_RENDER_LIMITS, ...options });
  } catch (error) {
    if (error instanceof TemplateError) throw error;
    if (error instanceof RangeError) throw new TemplateError('the template is nested too deeply');
    throw new TemplateError(`the template failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function compile(source: string): Statement[] {
  let statements = compiled.get(source);
  if (statements === undefined) {
    try {
      statements = parseTemplate(source);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      statements = error;
    }
    if (compiled.size >= MAX_CACHED_TEMPLATES) compiled.clear();
    compiled.set(source, statements);
  }
  if (statements instanceof TemplateError) throw statements;
  return statements;
}
