import { PythonRegexError } from './python-regex.error';
import {
  type Anchor,
  type Category,
  END_OF_LINE,
  END_OF_SUBJECT_OR_FINAL_NEWLINE,
  UNICODE_WORD_MEMBERS,
  anchorSource,
  anySource,
  categoryAtom,
  categoryClassMembers,
  literalMembers,
  literalSource,
  rangeSource,
} from './python-regex-fragments';
import { pythonLength, pythonRepr } from '@validity/contracts';
import { PythonRegexTokenizer } from './python-regex-tokenizer';
import { UnsupportedRegexError } from './unsupported-regex.error';

export interface TranslatedRegex {
  /** RE2 source (re2js dialect), not yet anchored. */
  source: string;
  ignoreCase: boolean;
  /** The source holds a captureless lookbehind: compile with re2js's `LOOKBEHINDS`. */
  lookbehind: boolean;
  /** The source holds `\B`, which CPython before 3.14 fails on an empty subject and RE2 does not. */
  notWordBoundary: boolean;
}

/**
 * Translates a Python 3.11 `re` pattern into RE2 source that matches the same strings in linear time,
 * or throws `PythonRegexError` (Python would reject it, with Python's message and position) or
 * `UnsupportedRegexError` (valid Python that RE2 cannot evaluate faithfully: backreferences, lookahead,
 * Unicode word boundaries, `$` followed by more pattern, ...). The parser follows CPython's
 * `re._parser` step for step, so errors come in Python's order (an unsupported construct is reported
 * only once the whole pattern parsed); the README lists what is supported.
 */
export function translatePythonRegex(pattern: string): TranslatedRegex {
  return new PythonRegexTranslator(pattern).translate();
}

const SPECIAL_CHARS = '.\\[{()*+?^$|';
const REPEAT_CHARS = '*+?{';
const DIGITS = '0123456789';
const OCTAL_DIGITS = '01234567';
const HEX_DIGITS = '0123456789abcdefABCDEF';
const VERBOSE_WHITESPACE = ' \t\n\r\v\f';
const FLAG_LETTERS = 'iLmsxatu';
const CATEGORIES = ['\\d', '\\D', '\\s', '\\S', '\\w', '\\W'];
const ANCHORS = ['\\A', '\\Z', '\\b', '\\B'];
/** Python's `sre_constants.MAXREPEAT`: a larger repeat count is an error. */
const MAX_REPEAT = 4294967295;
const LITERAL_ESCAPES: Readonly<Record<string, number>> = {
  '\\a': 0x07,
  '\\f': 0x0c,
  '\\n': 0x0a,
  '\\r': 0x0d,
  '\\t': 0x09,
  '\\v': 0x0b,
  '\\\\': 0x5c,
};
/** How many hex digits each code escape takes, exactly. */
const CODE_ESCAPE_DIGITS: Readonly<Record<string, number>> = { '\\x': 2, '\\u': 4, '\\U': 8 };
/** Inside a class `\b` is a backspace, as in Python's `ESCAPES` table. */
const CLASS_LITERAL_ESCAPES: Readonly<Record<string, number>> = { ...LITERAL_ESCAPES, '\\b': 0x08 };
const ASCII_LETTER = /^[A-Za-z]$/;
const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u;

/**
 * A translated piece: its JavaScript source, its width range (Python's `getwidth`, which lookbehinds
 * need fixed), and the groups certain to have matched once it has (for backreferences).
 */
interface Node {
  source: string;
  min: number;
  max: number;
  groupsSet: ReadonlySet<number>;
  /** Python `$` anchors that nothing follows yet: anything after them cannot be translated. */
  openDollars: number;
}

/** One element of a sequence: what a following quantifier applies to, if anything. */
interface Item extends Node {
  kind: 'anchor' | 'repeat' | 'atom';
  groupsBefore: ReadonlySet<number>;
}

class PythonRegexTranslator {
  private readonly source: PythonRegexTokenizer;
  private readonly flags = {
    ignoreCase: false,
    multiline: false,
    dotAll: false,
    verbose: false,
    ascii: false,
    unicode: false,
  };
  /** Python's `State.groupwidths`: indexed by group number (0 is the whole match), undefined while open. */
  private readonly groupWidths: ({ min: number; max: number } | undefined)[] = [undefined];
  private readonly groupNames = new Map<string, number>();
  /** Python's `State.lookbehindgroups`: the first group number inside the outermost lookbehind. */
  private lookbehindGroups: number | undefined;
  private variableWidthLookbehind = false;
  /** The first construct RE2 cannot evaluate; reported after parsing, so Python's errors come first. */
  private unsupportedConstruct: UnsupportedRegexError | undefined;
  private lookbehind = false;
  private notWordBoundary = false;

  constructor(pattern: string) {
    this.source = new PythonRegexTokenizer(pattern);
  }

  translate(): TranslatedRegex {
    const pattern = this.parseAlternation(false, true, new Set());
    if (this.flags.ascii && this.flags.unicode) {
      throw new PythonRegexError('ASCII and UNICODE flags are incompatible');
    }
    if (this.source.next !== undefined) throw this.source.error('unbalanced parenthesis');
    // Python checks this when compiling, after parsing succeeded.
    if (this.variableWidthLookbehind) throw new PythonRegexError('look-behind requires fixed-width pattern');
    if (this.flags.ascii && this.flags.ignoreCase) {
      throw new UnsupportedRegexError('the ASCII flag (?a) combined with IGNORECASE (?i) is not supported');
    }
    if (this.unsupportedConstruct !== undefined) throw this.unsupportedConstruct;
    return {
      source: pattern.source,
      ignoreCase: this.flags.ignoreCase,
      lookbehind: this.lookbehind,
      notWordBoundary: this.notWordBoundary,
    };
  }

  private defer(message: string, position: number): void {
    this.unsupportedConstruct ??= unsupported(message, position);
  }

  /** Python's `_parse_sub`: branches separated by `|`. */
  private parseAlternation(verbose: boolean, topLevel: boolean, before: ReadonlySet<number>): Node {
    const branches: Node[] = [];
    for (;;) {
      branches.push(this.parseSequence(verbose, topLevel && branches.length === 0, before));
      if (!this.source.match('|')) break;
      if (topLevel) verbose = this.flags.verbose;
    }
    return {
      source: branches.map((branch) => branch.source).join('|'),
      min: branches.reduce((min, branch) => Math.min(min, branch.min), Infinity),
      max: branches.reduce((max, branch) => Math.max(max, branch.max), 0),
      groupsSet: branches
        .map((branch) => branch.groupsSet)
        .reduce((common, groups) => new Set([...common].filter((group) => groups.has(group)))),
      openDollars: branches.reduce((sum, branch) => sum + branch.openDollars, 0),
    };
  }

  /** Python's `_parse`: items up to `|`, `)` or the end. `first`: global flags may still appear. */
  private parseSequence(verbose: boolean, first: boolean, before: ReadonlySet<number>): Node {
    const items: Item[] = [];
    const current = (): ReadonlySet<number> => items.at(-1)?.groupsSet ?? before;
    for (;;) {
      const token = this.source.next;
      if (token === undefined || token === '|' || token === ')') break;
      const start = this.source.tell();
      const count = items.length;
      const previous = items.at(-1);
      this.source.get();
      if (verbose && VERBOSE_WHITESPACE.includes(token)) continue;
      if (verbose && token === '#') {
        this.skipComment();
        continue;
      }
      if (token.startsWith('\\')) items.push(this.parseEscape(token, current()));
      else if (!SPECIAL_CHARS.includes(token)) items.push(this.literal(codeOf(token), current()));
      else if (token === '[') items.push(this.parseClass(current()));
      else if (REPEAT_CHARS.includes(token)) this.parseRepeat(token, items, current());
      else if (token === '.') items.push(atom(anySource(this.flags.dotAll), 1, 1, current()));
      else if (token === '^' || token === '$') items.push(this.anchor(token, current()));
      else {
        const group = this.parseGroup(verbose, first && items.length === 0, current());
        if (group === 'global flags') verbose = this.flags.verbose;
        else if (group !== 'comment') items.push(group);
      }
      // Python's `$` asserts "the end, or before a final newline"; RE2 can only consume that newline,
      // which gives Python's answer only when nothing follows the `$`.
      if (items.length > count && (previous?.openDollars ?? 0) > 0) {
        this.defer('a $ followed by more of the pattern is not supported', start);
      }
    }
    return {
      source: items.map((item) => item.source).join(''),
      min: items.reduce((sum, item) => sum + item.min, 0),
      max: items.reduce((sum, item) => sum + item.max, 0),
      groupsSet: current(),
      openDollars: items.at(-1)?.openDollars ?? 0,
    };
  }

  private skipComment(): void {
    let token = this.source.get();
    while (token !== undefined && token !== '\n') token = this.source.get();
  }

  /** A quantifier (`*`, `+`, `?`, `{m,n}`) applied to the last item, or a literal `{`. */
  private parseRepeat(token: string, items: Item[], before: ReadonlySet<number>): void {
    const here = this.source.tell();
    let min = token === '+' ? 1 : 0;
    let max = token === '?' ? 1 : Infinity;
    if (token === '{') {
      if (this.source.next === '}') {
        items.push(this.literal(codeOf('{'), before));
        return;
      }
      let low = '';
      let high = '';
      while (this.source.nextIsIn(DIGITS)) low += this.source.get();
      if (this.source.match(',')) while (this.source.nextIsIn(DIGITS)) high += this.source.get();
      else high = low;
      if (!this.source.match('}')) {
        items.push(this.literal(codeOf('{'), before));
        this.source.seek(here);
        return;
      }
      if (low !== '') min = repeatCount(low);
      if (high !== '') {
        max = repeatCount(high);
        if (max < min) {
          throw this.source.error('min repeat greater than max repeat', this.source.tell() - here);
        }
      }
    }
    const item = items.at(-1);
    const offset = this.source.tell() - here + 1;
    if (item === undefined || item.kind === 'anchor') throw this.source.error('nothing to repeat', offset);
    if (item.kind === 'repeat') throw this.source.error('multiple repeat', offset);
    const lazy = this.source.match('?');
    if (!lazy && this.source.match('+')) {
      throw unsupported('possessive quantifiers are not supported', this.source.tell() - 1);
    }
    if (item.openDollars > 0 && max > 1) {
      this.defer('a $ followed by more of the pattern is not supported', here - 1);
    }
    items[items.length - 1] = {
      kind: 'repeat',
      source: `${item.source}${quantifier(min, max)}${lazy ? '?' : ''}`,
      min: scaleWidth(item.min, min),
      max: scaleWidth(item.max, max),
      groupsBefore: item.groupsBefore,
      // A group inside an item that may occur zero times may not have matched.
      groupsSet: min === 0 ? item.groupsBefore : item.groupsSet,
      openDollars: item.openDollars,
    };
  }

  /** Python's `_escape`: a backslash sequence outside a class. */
  private parseEscape(escape: string, before: ReadonlySet<number>): Item {
    if (ANCHORS.includes(escape)) {
      if ((escape === '\\b' || escape === '\\B') && !this.flags.ascii) {
        this.defer(
          `the Unicode word boundary ${escape} is not supported (the ASCII flag (?a) makes it ASCII)`,
          this.source.tell() - 2,
        );
      }
      return this.anchor(escape as Anchor, before);
    }
    if (CATEGORIES.includes(escape)) {
      return atom(categoryAtom(escape.slice(1) as Category, this.flags.ascii), 1, 1, before);
    }
    const code = LITERAL_ESCAPES[escape] ?? this.parseCodeEscape(escape);
    if (code !== undefined) return this.literal(code, before);
    const letter = escape.slice(1);
    if (letter === '0') {
      return this.literal(Number.parseInt(letter + this.source.getWhile(2, OCTAL_DIGITS), 8), before);
    }
    if (DIGITS.includes(letter)) return this.parseOctalOrBackreference(escape, before);
    if (ASCII_LETTER.test(letter)) throw this.source.error(`bad escape ${escape}`, pythonLength(escape));
    return this.literal(codeOf(letter), before);
  }

  /** `\xhh`, `\uhhhh`, `\Uhhhhhhhh` and `\N{...}`, the same inside and outside classes. */
  private parseCodeEscape(escape: string): number | undefined {
    const digits = CODE_ESCAPE_DIGITS[escape];
    if (escape === '\\N') {
      throw unsupported('named Unicode escapes \\N{...} are not supported', this.source.tell() - 2);
    }
    if (digits === undefined) return undefined;
    const full = escape + this.source.getWhile(digits, HEX_DIGITS);
    if (full.length !== digits + 2) throw this.source.error(`incomplete escape ${full}`, full.length);
    const code = Number.parseInt(full.slice(2), 16);
    if (code > 0x10ffff) throw this.source.error(`bad escape ${full}`, full.length);
    return code;
  }

  /** `\1`..`\99` refer to groups, but three octal digits (`\101`) are a character, as in Python. */
  private parseOctalOrBackreference(escape: string, before: ReadonlySet<number>): Item {
    if (this.source.nextIsIn(DIGITS)) {
      escape += this.source.get();
      if (
        OCTAL_DIGITS.includes(escape[1] ?? '') &&
        OCTAL_DIGITS.includes(escape[2] ?? '') &&
        this.source.nextIsIn(OCTAL_DIGITS)
      ) {
        escape += this.source.get();
        return this.literal(this.octalCode(escape), before);
      }
    }
    const group = Number(escape.slice(1));
    if (group >= this.groupWidths.length) {
      throw this.source.error(`invalid group reference ${group}`, escape.length - 1);
    }
    if (this.groupWidths[group] === undefined) {
      throw this.source.error('cannot refer to an open group', escape.length);
    }
    this.checkLookbehindGroup(group);
    return this.backreference(before, this.source.tell() - escape.length);
  }

  private octalCode(escape: string): number {
    const code = Number.parseInt(escape.slice(1), 8);
    if (code > 0o377) {
      throw this.source.error(`octal escape value ${escape} outside of range 0-0o377`, escape.length);
    }
    return code;
  }

  /** RE2 has no backreferences: a linear-time engine cannot have them. */
  private backreference(before: ReadonlySet<number>, position: number): Item {
    this.defer('backreferences are not supported', position);
    return atom('', 0, 0, before);
  }

  private checkLookbehindGroup(group: number): void {
    if (this.lookbehindGroups === undefined) return;
    if (this.groupWidths[group] === undefined) throw this.source.error('cannot refer to an open group');
    if (group >= this.lookbehindGroups) {
      throw this.source.error('cannot refer to group defined in the same lookbehind subpattern');
    }
  }

  /** A character class, from just after its `[`. */
  private parseClass(before: ReadonlySet<number>): Item {
    const start = this.source.tell() - 1;
    const negate = this.source.match('^');
    const members: (string | undefined)[] = [];
    for (;;) {
      const token = this.source.get();
      if (token === undefined) {
        throw this.source.error('unterminated character set', this.source.tell() - start);
      }
      // A `]` right after `[` or `[^` is a literal, as in Python.
      if (token === ']' && members.length > 0) break;
      const low = this.parseClassMember(token);
      if (!this.source.match('-')) {
        members.push(this.classMemberSource(low));
        continue;
      }
      const next = this.source.get();
      if (next === undefined) {
        throw this.source.error('unterminated character set', this.source.tell() - start);
      }
      if (next === ']') {
        members.push(this.classMemberSource(low), literalMembers(codeOf('-'), this.flags.ignoreCase));
        break;
      }
      const high = this.parseClassMember(next);
      if (typeof low !== 'number' || typeof high !== 'number' || high < low) {
        const range = `${token}-${next}`;
        throw this.source.error(`bad character range ${range}`, pythonLength(range));
      }
      members.push(rangeSource(low, high, this.flags.ignoreCase));
    }
    return atom(this.classSource(negate, members), 1, 1, before);
  }

  /**
   * RE2 cannot write the Unicode `\W` as class members (it is the complement of a union), so a class
   * holding it becomes an alternation, or for a negated class, a word character that a lookbehind
   * checks is not one of the other members.
   */
  private classSource(negate: boolean, members: readonly (string | undefined)[]): string {
    const rest = members.filter((member) => member !== undefined).join('');
    if (!members.includes(undefined)) return `[${negate ? '^' : ''}${rest}]`;
    if (!negate)
      return rest === '' ? `[^${UNICODE_WORD_MEMBERS}]` : `(?:[${rest}]|[^${UNICODE_WORD_MEMBERS}])`;
    if (rest === '') return `[${UNICODE_WORD_MEMBERS}]`;
    this.lookbehind = true;
    return `(?:[${UNICODE_WORD_MEMBERS}](?<![${rest}]))`;
  }

  private parseClassMember(token: string): number | Category {
    return token.startsWith('\\') ? this.parseClassEscape(token) : codeOf(token);
  }

  private classMemberSource(member: number | Category): string | undefined {
    return typeof member === 'number'
      ? literalMembers(member, this.flags.ignoreCase)
      : categoryClassMembers(member, this.flags.ascii);
  }

  /** Python's `_class_escape`: no anchors or backreferences in a class; `\1`..`\7` start octal codes. */
  private parseClassEscape(escape: string): number | Category {
    if (CATEGORIES.includes(escape)) return escape.slice(1) as Category;
    const code = CLASS_LITERAL_ESCAPES[escape] ?? this.parseCodeEscape(escape);
    if (code !== undefined) return code;
    const letter = escape.slice(1);
    if (OCTAL_DIGITS.includes(letter)) return this.octalCode(escape + this.source.getWhile(2, OCTAL_DIGITS));
    if (DIGITS.includes(letter) || ASCII_LETTER.test(letter)) {
      throw this.source.error(`bad escape ${escape}`, pythonLength(escape));
    }
    return codeOf(letter);
  }

  /** A group, from just after its `(`: capturing, `(?P<name>`, `(?:`, lookaround, comment or flags. */
  private parseGroup(
    verbose: boolean,
    flagsAllowed: boolean,
    before: ReadonlySet<number>,
  ): Item | 'comment' | 'global flags' {
    const start = this.source.tell() - 1;
    let capturing = true;
    let name: string | undefined;
    if (this.source.match('?')) {
      const char = this.source.get();
      if (char === undefined) throw this.source.error('unexpected end of pattern');
      if (char === 'P') {
        if (this.source.match('=')) return this.parseNamedBackreference(before, start);
        if (!this.source.match('<')) {
          const next = this.source.get();
          if (next === undefined) throw this.source.error('unexpected end of pattern');
          throw this.source.error(`unknown extension ?P${next}`, pythonLength(next) + 2);
        }
        name = this.parseGroupName('>');
      } else if (char === ':') {
        capturing = false;
      } else if (char === '#') {
        return this.skipGroupComment(start);
      } else if (char === '=' || char === '!' || char === '<') {
        return this.parseLookaround(char, start, verbose, before);
      } else if (char === '(') {
        throw unsupported('conditional groups (?(...)...) are not supported', start);
      } else if (char === '>') {
        throw unsupported('atomic groups (?>...) are not supported', start);
      } else if (FLAG_LETTERS.includes(char) || char === '-') {
        this.parseGlobalFlags(char, start, flagsAllowed);
        return 'global flags';
      } else {
        throw this.source.error(`unknown extension ?${char}`, pythonLength(char) + 1);
      }
    }
    const group = capturing ? this.openGroup(name) : undefined;
    const inner = this.parseAlternation(verbose, false, before);
    if (!this.source.match(')')) {
      throw this.source.error('missing ), unterminated subpattern', this.source.tell() - start);
    }
    // No backreferences are translated, so no group needs to capture.
    const groupsSet = group === undefined ? inner.groupsSet : new Set([...inner.groupsSet, group]);
    if (group !== undefined) this.groupWidths[group] = { min: inner.min, max: inner.max };
    return {
      ...atom(`(?:${inner.source})`, inner.min, inner.max, before, groupsSet),
      openDollars: inner.openDollars,
    };
  }

  private parseGroupName(terminator: string): string {
    const name = this.source.getUntil(terminator, 'group name');
    if (!IDENTIFIER.test(name)) {
      throw this.source.error(`bad character in group name ${pythonRepr(name)}`, pythonLength(name) + 1);
    }
    return name;
  }

  private parseNamedBackreference(before: ReadonlySet<number>, start: number): Item {
    const name = this.parseGroupName(')');
    const group = this.groupNames.get(name);
    const offset = pythonLength(name) + 1;
    if (group === undefined) throw this.source.error(`unknown group name ${pythonRepr(name)}`, offset);
    if (this.groupWidths[group] === undefined) {
      throw this.source.error('cannot refer to an open group', offset);
    }
    this.checkLookbehindGroup(group);
    return this.backreference(before, start);
  }

  private openGroup(name: string | undefined): number {
    const group = this.groupWidths.length;
    this.groupWidths.push(undefined);
    if (name === undefined) return group;
    const previous = this.groupNames.get(name);
    if (previous !== undefined) {
      const message = `redefinition of group name ${pythonRepr(name)} as group ${group}; was group ${previous}`;
      throw this.source.error(message, pythonLength(name) + 1);
    }
    this.groupNames.set(name, group);
    return group;
  }

  private skipGroupComment(start: number): 'comment' {
    for (;;) {
      if (this.source.next === undefined) {
        throw this.source.error('missing ), unterminated comment', this.source.tell() - start);
      }
      if (this.source.get() === ')') return 'comment';
    }
  }

  private parseLookaround(char: string, start: number, verbose: boolean, before: ReadonlySet<number>): Item {
    let kind = char;
    if (char === '<') {
      const next = this.source.get();
      if (next === undefined) throw this.source.error('unexpected end of pattern');
      if (next !== '=' && next !== '!') {
        throw this.source.error(`unknown extension ?<${next}`, pythonLength(next) + 2);
      }
      kind = `<${next}`;
    }
    const outermostLookbehind = char === '<' && this.lookbehindGroups === undefined;
    if (outermostLookbehind) this.lookbehindGroups = this.groupWidths.length;
    const inner = this.parseAlternation(verbose, false, before);
    if (outermostLookbehind) this.lookbehindGroups = undefined;
    if (!this.source.match(')')) {
      throw this.source.error('missing ), unterminated subpattern', this.source.tell() - start);
    }
    if (char === '<' && inner.min !== inner.max) this.variableWidthLookbehind = true;
    if (char !== '<') this.defer('lookahead assertions (?=...) and (?!...) are not supported', start);
    if (inner.openDollars > 0) this.defer('a $ inside a lookbehind is not supported', start);
    this.lookbehind = true;
    // re2js evaluates captureless lookbehinds in linear time (its LOOKBEHINDS flag). Python lets a
    // lookaround be repeated (`(?<=a)*`), RE2 only inside a group.
    return atom(`(?:(?${kind}${inner.source}))`, 0, 0, before);
  }

  /** Python's `_parse_flags` for `(?aimsux)`; scoped flags (`(?i:...)`) have no JavaScript equivalent in Node 20. */
  private parseGlobalFlags(char: string, start: number, allowed: boolean): void {
    const letters: string[] = [];
    let token: string | undefined = char;
    while (token !== '-') {
      if (token === 'L') throw this.source.error("bad inline flags: cannot use 'L' flag with a str pattern");
      letters.push(token);
      if (letters.includes('a') && letters.includes('u')) {
        throw this.source.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
      }
      token = this.source.get();
      if (token === undefined) throw this.source.error('missing -, : or )');
      if (token === ')' || token === '-' || token === ':') break;
      if (!FLAG_LETTERS.includes(token)) {
        throw this.source.error(
          /^\p{L}$/u.test(token) ? 'unknown flag' : 'missing -, : or )',
          pythonLength(token),
        );
      }
    }
    if (token !== ')') throw unsupported('scoped inline flags (?flags:...) are not supported', start);
    if (!allowed) {
      throw this.source.error('global flags not at the start of the expression', this.source.tell() - start);
    }
    if (letters.includes('t')) throw unsupported('the TEMPLATE flag (?t) is not supported', start);
    this.flags.ignoreCase ||= letters.includes('i');
    this.flags.multiline ||= letters.includes('m');
    this.flags.dotAll ||= letters.includes('s');
    this.flags.verbose ||= letters.includes('x');
    this.flags.ascii ||= letters.includes('a');
    this.flags.unicode ||= letters.includes('u');
  }

  private literal(code: number, before: ReadonlySet<number>): Item {
    return atom(this.literalSource(code), 1, 1, before);
  }

  private literalSource(code: number): string {
    return literalSource(code, this.flags.ignoreCase);
  }

  private anchor(anchor: Anchor, before: ReadonlySet<number>): Item {
    const item = { kind: 'anchor', min: 0, max: 0, groupsBefore: before, groupsSet: before } as const;
    if (anchor === '$') {
      if (this.flags.multiline) return { ...item, source: END_OF_LINE, openDollars: 0 };
      return { ...item, source: END_OF_SUBJECT_OR_FINAL_NEWLINE, openDollars: 1 };
    }
    if (anchor === '\\B') this.notWordBoundary = true;
    return { ...item, source: anchorSource(anchor, this.flags.multiline), openDollars: 0 };
  }
}

function atom(source: string, min: number, max: number, before: ReadonlySet<number>, after = before): Item {
  return { kind: 'atom', source, min, max, groupsBefore: before, groupsSet: after, openDollars: 0 };
}

function codeOf(char: string): number {
  return char.codePointAt(0) ?? 0;
}

function repeatCount(digits: string): number {
  const count = Number(digits);
  if (count >= MAX_REPEAT) throw new PythonRegexError('the repetition number is too large');
  return count;
}

function quantifier(min: number, max: number): string {
  if (max === Infinity) return `{${min},}`;
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

/** Python's `getwidth` for a repeat: zero times anything is zero, even an unbounded width. */
function scaleWidth(width: number, times: number): number {
  return width === 0 || times === 0 ? 0 : width * times;
}

function unsupported(message: string, position: number): UnsupportedRegexError {
  return new UnsupportedRegexError(`${message} (position ${position})`);
}
