import { PythonRegexError } from './python-regex.error';
import { pythonRepr } from './python-repr';
import { translatePythonRegex } from './translate-python-regex';
import { UnsupportedRegexError } from './unsupported-regex.error';

export type CompiledPythonRegex = { ok: true; regex: RegExp } | { ok: false; message: string };

/**
 * A RegExp whose `test(subject)` is Python's `re.match(pattern, subject) is not None`: anchored at the
 * start of the subject only, not at its end. Never throws: a pattern Python rejects, or one without a
 * faithful translation, gives a message naming the pattern.
 */
export function compilePythonRegex(pattern: string): CompiledPythonRegex {
  try {
    const { source, ignoreCase } = translatePythonRegex(pattern);
    // The translation never uses JavaScript's own `^`, `$` or `m` flag, so this `^` is the subject's start.
    return { ok: true, regex: new RegExp(`^(?:${source})`, ignoreCase ? 'iv' : 'v') };
  } catch (error) {
    if (error instanceof PythonRegexError) {
      return { ok: false, message: `Invalid regular expression ${pythonRepr(pattern)}: ${error.message}` };
    }
    if (error instanceof UnsupportedRegexError) {
      return {
        ok: false,
        message: `Unsupported regular expression ${pythonRepr(pattern)}: ${error.message}`,
      };
    }
    // The JavaScript engine refusing a translation would be a bug here; the webhook still gets a 400.
    if (error instanceof SyntaxError) {
      return {
        ok: false,
        message: `Unsupported regular expression ${pythonRepr(pattern)}: ${error.message}`,
      };
    }
    throw error;
  }
}
