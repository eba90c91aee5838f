import { RE2JS, RE2JSSyntaxException } from 're2js';
import { pythonRepr } from '@validity/contracts';
import { NOTHING } from './python-regex-fragments';
import { PythonRegexError } from './python-regex.error';
import { translatePythonRegex } from './translate-python-regex';
import { UnsupportedRegexError } from './unsupported-regex.error';

/** `test(subject)` is Python's `re.match(pattern, subject) is not None`, in time linear in the subject. */
export interface PythonRegex {
  test(subject: string): boolean;
}

export type CompiledPythonRegex = { ok: true; regex: PythonRegex } | { ok: false; message: string };

/**
 * A regex whose `test(subject)` is Python's `re.match(pattern, subject) is not None`: anchored at the
 * start of the subject only, not at its end. It runs on RE2 (the `re2js` port), which never backtracks,
 * so no pattern can stall the caller however the subject is built (`(a+)+$` against `aaa…!`). Never
 * throws: a pattern Python rejects, or one RE2 cannot evaluate faithfully, gives a message naming it.
 */
export function compilePythonRegex(pattern: string): CompiledPythonRegex {
  try {
    const translated = translatePythonRegex(pattern);
    const flags =
      (translated.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (translated.lookbehind ? RE2JS.LOOKBEHINDS : 0);
    // The translation never uses RE2's own `^` or `$` outside `(?m:...)`, so `\A` is the subject's start.
    const compile = (source: string): RE2JS => RE2JS.compile(String.raw`\A(?:` + source + ')', flags);
    const regex = compile(translated.source);
    // CPython before 3.14 fails `\B` on an empty subject, where RE2 (and Python 3.14) succeed.
    const onEmpty = translated.notWordBoundary
      ? compile(translated.source.replaceAll('\\B', NOTHING))
      : regex;
    return { ok: true, regex: { test: (subject) => (subject === '' ? onEmpty : regex).test(subject) } };
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
    // RE2 refusing a translation (e.g. a repeat count above its limit of 1,000) still gives a 400.
    if (error instanceof RE2JSSyntaxException) {
      return {
        ok: false,
        message: `Unsupported regular expression ${pythonRepr(pattern)}: ${error.message}`,
      };
    }
    throw error;
  }
}
