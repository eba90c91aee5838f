import {
  pythonEquals,
  pythonJsonDumps,
  pythonStr,
  pythonTruthy,
  pythonTuple,
  pythonTypeName,
  isPythonDict,
  type JsonValue,
  compareCodePoints,
} from '@validity/contracts';
import { getPath, pythonCapitalize, pythonReplace } from './attributes';
import { bindArguments } from './bind-arguments';
import { testNamed } from './predicates';
import { pyCompare, pyIterate, pyLength } from './python-values';
import { Undefined } from './undefined-value';
import { TemplateError } from './template-error';

/** Applies a filter by name; `map('upper')` needs it to reach the other filters. */
export type ApplyFilter = (
  name: string,
  value: unknown,
  args: unknown[],
  kwargs: Record<string, unknown>,
) => unknown;

type Filter = (
  value: unknown,
  args: unknown[],
  kwargs: Record<string, unknown>,
  apply: ApplyFilter,
) => unknown;

function numberOf(name: string, value: unknown): number {
  if (typeof value === 'number' || typeof value === 'boolean') return Number(value);
  if (value instanceof Undefined) value.fail();
  throw new TemplateError(`filter '${name}' needs a number, got ${pythonTypeName(value)}`);
}

function sequence(value: unknown): unknown[] {
  return [...pyIterate(value)];
}

/** Jinja2's `make_attrgetter`, with its default lower-casing of strings when not case-sensitive. */
function keyGetter(attribute: unknown, caseSensitive: unknown): (item: unknown) => unknown {
  return (item) => {
    const value = attribute === null ? item : getPath(item, attribute);
    return !pythonTruthy(caseSensitive) && typeof value === 'string' ? value.toLowerCase() : value;
  };
}

/** Python's `int()` as Jinja2's `int` filter uses it: a number, a whole-number string, else a float string. */
function toInteger(value: unknown, fallback: unknown): unknown {
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : fallback;
  if (typeof value !== 'string') return fallback;
  const text = value.trim().replace(/(\d)_(?=\d)/g, '$1');
  if (/^[+-]?\d+$/.test(text)) return Number(text);
  const float = toFloat(value, undefined);
  return typeof float === 'number' && Number.isFinite(float) ? Math.trunc(float) : fallback;
}

function toFloat(value: unknown, fallback: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return Number(value);
  if (typeof value !== 'string') return fallback;
  const text = value.trim().replace(/(\d)_(?=\d)/g, '$1');
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return Number(text);
  if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(text)) return NaN;
  return fallback;
}

/** Python's `round()`: halves go to the even neighbour. */
function roundHalfEven(value: number, precision: number): number {
  const factor = 10 ** precision;
  const scaled = value * factor;
  const rounded = Math.round(scaled);
  const isHalf = Math.abs(scaled % 1) === 0.5;
  return (isHalf && rounded % 2 !== 0 ? rounded - 1 : rounded) / factor;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};

/** Python's `urllib.parse.quote`: everything but unreserved characters (and `safe`) percent-encoded. */
function quote(text: string, safe: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9_.~-]/.test(char) || safe.includes(char)
        ? char
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** Jinja2's `tojson`: `json.dumps(value, sort_keys=True)`, then `<`, `>`, `&`, `'` escaped for HTML. */
function toJson(value: unknown, indent: unknown): string {
  const width = indent === null ? undefined : numberOf('tojson', indent);
  return dumps(value, width, '').replace(/[<>&']/g, (char) => `\\u00${char.charCodeAt(0).toString(16)}`);
}

function dumps(value: unknown, indent: number | undefined, current: string): string {
  const inner = indent === undefined ? '' : current + ' '.repeat(indent);
  const wrap = (open: string, items: string[], close: string): string => {
    if (items.length === 0) return open + close;
    if (indent === undefined) return `${open}${items.join(', ')}${close}`;
    return `${open}\n${inner}${items.join(`,\n${inner}`)}\n${current}${close}`;
  };
  if (Array.isArray(value))
    return wrap(
      '[',
      value.map((item) => dumps(item, indent, inner)),
      ']',
    );
  if (isPythonDict(value)) {
    const keys = Object.keys(value).sort(compareCodePoints);
    return wrap(
      '{',
      keys.map((key) => `${pythonJsonDumps(key)}: ${dumps(value[key], indent, inner)}`),
      '}',
    );
  }
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    }
    return pythonJsonDumps(value as JsonValue);
  }
  throw new TemplateError(`Object of type ${pythonTypeName(value)} is not JSON serializable`);
}

/** Jinja2's built-in filters that make sense for webhook bodies, headers and URLs. */
export const FILTERS: Readonly<Record<string, Filter>> = {
  abs: (value) => Math.abs(numberOf('abs', value)),
  capitalize: (value) => pythonCapitalize(pythonStr(value)),
  count: (value) => pyLength(value),
  default: (value, args, kwargs) => {
    const [fallback, boolean] = bindArguments(
      'default',
      [
        ['default_value', ''],
        ['boolean', false],
      ],
      args,
      kwargs,
    );
    return value instanceof Undefined || (pythonTruthy(boolean) && !pythonTruthy(value)) ? fallback : value;
  },
  escape: (value) => pythonStr(value).replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]),
  first: (value) => sequence(value)[0] ?? new Undefined('No first item, sequence was empty.'),
  float: (value, args, kwargs) => toFloat(value, bindArguments('float', [['default', 0]], args, kwargs)[0]),
  /** NetBox 4.6.7+: strips CR, LF and other control characters from a value going into a header. */
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  header_safe: (value) => pythonStr(value).replace(/[\x00-\x1f\x7f]/g, ''),
  int: (value, args, kwargs) => toInteger(value, bindArguments('int', [['default', 0]], args, kwargs)[0]),
  items: (value) => {
    if (value instanceof Undefined) return [];
    if (!isPythonDict(value))
      throw new TemplateError(`Can only get item pairs from a mapping, not ${pythonTypeName(value)}`);
    return Object.entries(value).map(([key, member]) => pythonTuple([key, member]));
  },
  join: (value, args, kwargs) => {
    const [separator, attribute] = bindArguments(
      'join',
      [
        ['d', ''],
        ['attribute', null],
      ],
      args,
      kwargs,
    );
    const get = keyGetter(attribute, true);
    return sequence(value)
      .map((item) => pythonStr(get(item)))
      .join(pythonStr(separator));
  },
  last: (value) => {
    const items = sequence(value);
    return items.length > 0 ? items[items.length - 1] : new Undefined('No last item, sequence was empty.');
  },
  length: (value) => pyLength(value),
  list: (value) => sequence(value),
  lower: (value) => pythonStr(value).toLowerCase(),
  map: (value, args, kwargs, apply) => {
    const items = sequence(value);
    if (Object.hasOwn(kwargs, 'attribute')) {
      const [attribute, fallback] = bindArguments('map', [['attribute'], ['default', undefined]], [], kwargs);
      return items.map((item) => {
        const mapped = getPath(item, attribute);
        return mapped instanceof Undefined && fallback !== undefined ? fallback : mapped;
      });
    }
    const [name, ...rest] = args;
    if (typeof name !== 'string') throw new TemplateError('map requires a filter name or attribute=');
    return items.map((item) => apply(name, item, rest, kwargs));
  },
  max: (value, args, kwargs) => extreme(value, args, kwargs, 'max', (order) => order > 0),
  min: (value, args, kwargs) => extreme(value, args, kwargs, 'min', (order) => order < 0),
  replace: (value, args, kwargs) => {
    const [old, replacement, count] = bindArguments(
      'replace',
      [['old'], ['new'], ['count', null]],
      args,
      kwargs,
    );
    return pythonReplace(
      pythonStr(value),
      pythonStr(old),
      pythonStr(replacement),
      count === null ? -1 : numberOf('replace', count),
    );
  },
  reverse: (value) => (typeof value === 'string' ? [...value].reverse().join('') : sequence(value).reverse()),
  round: (value, args, kwargs) => {
    const [precision, method] = bindArguments(
      'round',
      [
        ['precision', 0],
        ['method', 'common'],
      ],
      args,
      kwargs,
    );
    const number = numberOf('round', value);
    const factor = 10 ** numberOf('round', precision);
    if (method === 'common') return roundHalfEven(number, numberOf('round', precision));
    if (method === 'ceil') return Math.ceil(number * factor) / factor;
    if (method === 'floor') return Math.floor(number * factor) / factor;
    throw new TemplateError('method must be common, ceil or floor');
  },
  safe: (value) => value,
  sort: (value, args, kwargs) => {
    const [reverse, caseSensitive, attribute] = bindArguments(
      'sort',
      [
        ['reverse', false],
        ['case_sensitive', false],
        ['attribute', null],
      ],
      args,
      kwargs,
    );
    const key = keyGetter(attribute, caseSensitive);
    const sorted = sequence(value).sort((left, right) => pyCompare(key(left), key(right), '<'));
    return pythonTruthy(reverse) ? sorted.reverse() : sorted;
  },
  string: (value) => pythonStr(value),
  sum: (value, args, kwargs) => {
    const [attribute, start] = bindArguments(
      'sum',
      [
        ['attribute', null],
        ['start', 0],
      ],
      args,
      kwargs,
    );
    const get = keyGetter(attribute, true);
    return sequence(value).reduce<number>(
      (total, item) => total + numberOf('sum', get(item)),
      numberOf('sum', start),
    );
  },
  reject: (value, args, kwargs) => selecting(value, args, kwargs, false, false),
  rejectattr: (value, args, kwargs) => selecting(value, args, kwargs, true, false),
  select: (value, args, kwargs) => selecting(value, args, kwargs, false, true),
  selectattr: (value, args, kwargs) => selecting(value, args, kwargs, true, true),
  title: (value) => jinjaTitle(pythonStr(value)),
  tojson: (value, args, kwargs) =>
    toJson(value, bindArguments('tojson', [['indent', null]], args, kwargs)[0]),
  trim: (value, args, kwargs) => {
    const [chars] = bindArguments('trim', [['chars', null]], args, kwargs);
    const text = pythonStr(value);
    if (chars === null) return text.replace(/^\s+|\s+$/gu, '');
    const set = [...pythonStr(chars)];
    const characters = [...text];
    let start = 0;
    let end = characters.length;
    while (start < end && set.includes(characters[start])) start += 1;
    while (end > start && set.includes(characters[end - 1])) end -= 1;
    return characters.slice(start, end).join('');
  },
  unique: (value, args, kwargs) => {
    const [caseSensitive, attribute] = bindArguments(
      'unique',
      [
        ['case_sensitive', false],
        ['attribute', null],
      ],
      args,
      kwargs,
    );
    const key = keyGetter(attribute, caseSensitive);
    const seen: unknown[] = [];
    return sequence(value).filter((item) => {
      const itemKey = key(item);
      if (seen.some((known) => pythonEquals(known, itemKey))) return false;
      seen.push(itemKey);
      return true;
    });
  },
  upper: (value) => pythonStr(value).toUpperCase(),
  urlencode: (value) => {
    if (!isPythonDict(value) && !Array.isArray(value)) return quote(pythonStr(value), '/');
    const pairs = isPythonDict(value) ? Object.entries(value) : value.map((pair) => sequence(pair));
    return pairs
      .map(
        ([key, member]) =>
          `${quote(pythonStr(key), '').replace(/%20/g, '+')}=${quote(pythonStr(member), '').replace(/%20/g, '+')}`,
      )
      .join('&');
  },
};

/** Jinja2's `title`, which starts a word after whitespace, `-`, `(`, `{`, `[` or `<` (unlike `str.title`). */
function jinjaTitle(text: string): string {
  return text
    .split(/([-\s({[<]+)/u)
    .map((part) => (part === '' ? part : pythonCapitalize(part)))
    .join('');
}

/** `select('odd')`, `reject('none')`, `selectattr('enabled')`, `selectattr('slug', 'equalto', 'x')`. */
function selecting(
  value: unknown,
  args: unknown[],
  kwargs: Record<string, unknown>,
  byAttribute: boolean,
  keep: boolean,
): unknown[] {
  const [attribute, testName, ...testArgs] = byAttribute ? args : [null, ...args];
  const subject = (item: unknown) => (attribute === null ? item : getPath(item, attribute));
  const test =
    testName === undefined
      ? (item: unknown) => pythonTruthy(item)
      : (item: unknown) => testNamed(pythonStr(testName))(item, testArgs, kwargs);
  return sequence(value).filter((item) => test(subject(item)) === keep);
}

function extreme(
  value: unknown,
  args: unknown[],
  kwargs: Record<string, unknown>,
  name: string,
  better: (order: number) => boolean,
): unknown {
  const [caseSensitive, attribute] = bindArguments(
    name,
    [
      ['case_sensitive', false],
      ['attribute', null],
    ],
    args,
    kwargs,
  );
  const key = keyGetter(attribute, caseSensitive);
  const items = sequence(value);
  if (items.length === 0) return new Undefined(`No aggregated item, sequence was empty.`);
  return items.reduce((best, item) => (better(pyCompare(key(item), key(best), '<')) ? item : best));
}

const ALIASES: Readonly<Record<string, string>> = { d: 'default', e: 'escape' };

export function filterNamed(name: string): Filter {
  const resolved = ALIASES[name] ?? name;
  if (!Object.hasOwn(FILTERS, resolved)) throw new TemplateError(`No filter named '${name}'.`);
  return FILTERS[resolved];
}
