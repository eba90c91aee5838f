import {
  isPythonDict,
  PYTHON_WHITESPACE,
  pythonEquals,
  pythonRepr,
  pythonStr,
  pythonTuple,
  pythonTypeName,
} from '@validity/contracts';
import { bindArguments } from './bind-arguments';
import { LoopContext } from './loop-context';
import { pyIterate } from './python-values';
import { Undefined } from './undefined-value';
import { PyCallable } from './py-callable';
import { TemplateError } from './template-error';

/**
 * The sandbox boundary. A template reaches only the members of plain data (dict keys, list and string
 * items) and a fixed list of Python methods implemented here; never a JavaScript property, prototype or
 * function, so no template can leave its data.
 */

/** `object.name`: Jinja2's `getattr` (the attribute first, then the item). */
export function getAttribute(object: unknown, name: string): unknown {
  if (object instanceof Undefined) object.fail();
  if (object instanceof LoopContext) return object.attribute(name);
  const method = methodOf(object, name);
  if (method !== undefined) return method;
  if (isPythonDict(object) && Object.hasOwn(object, name)) return object[name];
  return new Undefined(`'${pythonTypeName(object)} object' has no attribute '${name}'`);
}

/** `object[key]`: Jinja2's `getitem` (the item first, then the attribute). */
export function getItem(object: unknown, key: unknown): unknown {
  if (object instanceof Undefined) object.fail();
  if (isPythonDict(object) && typeof key === 'string' && Object.hasOwn(object, key)) return object[key];
  if ((Array.isArray(object) || typeof object === 'string') && Number.isInteger(key)) {
    const items = typeof object === 'string' ? [...object] : object;
    const index = (key as number) < 0 ? items.length + (key as number) : (key as number);
    if (index >= 0 && index < items.length) return items[index];
  }
  if (typeof key === 'string') return getAttribute(object, key);
  return new Undefined(`'${pythonTypeName(object)} object' has no element ${pythonRepr(key)}`);
}

/** `object[start:stop:step]` on a list or string. */
export function getSlice(object: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (object instanceof Undefined) object.fail();
  const isString = typeof object === 'string';
  if (!isString && !Array.isArray(object))
    throw new TemplateError(`'${pythonTypeName(object)}' object is not subscriptable`);
  const items = isString ? [...object] : object;
  const by = step === null || step === undefined ? 1 : integerArgument(step, 'slice step');
  if (by === 0) throw new TemplateError('slice step cannot be zero');
  const clamp = (bound: unknown, fallback: number): number => {
    if (bound === null || bound === undefined) return fallback;
    const value = integerArgument(bound, 'slice index');
    const absolute = value < 0 ? value + items.length : value;
    return by > 0
      ? Math.min(Math.max(absolute, 0), items.length)
      : Math.min(Math.max(absolute, -1), items.length - 1);
  };
  const from = clamp(start, by > 0 ? 0 : items.length - 1);
  const to = clamp(stop, by > 0 ? items.length : -1);
  const picked: unknown[] = [];
  for (let index = from; by > 0 ? index < to : index > to; index += by) picked.push(items[index]);
  return isString ? picked.join('') : picked;
}

/** A dotted path such as Jinja2's `attribute='tags.0.name'` argument. */
export function getPath(object: unknown, path: unknown): unknown {
  let value = object;
  for (const part of pythonStr(path).split('.'))
    value = getItem(value, /^\d+$/.test(part) ? Number(part) : part);
  return value;
}

function integerArgument(value: unknown, what: string): number {
  if (typeof value === 'boolean') return Number(value);
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TemplateError(`${what} must be an integer, not '${pythonTypeName(value)}'`);
  }
  return value;
}

type Method = (self: never, args: unknown[], kwargs: Record<string, unknown>) => unknown;

const DICT_METHODS: Readonly<Record<string, Method>> = {
  items: (self: Record<string, unknown>) =>
    Object.entries(self).map(([key, value]) => pythonTuple([key, value])),
  keys: (self: Record<string, unknown>) => Object.keys(self),
  values: (self: Record<string, unknown>) => Object.values(self),
  get: (self: Record<string, unknown>, args, kwargs) => {
    const [key, fallback] = bindArguments('get', [['key'], ['default', null]], args, kwargs);
    return typeof key === 'string' && Object.hasOwn(self, key) ? self[key] : fallback;
  },
};

function stripper(where: 'both' | 'start' | 'end'): Method {
  return (self: string, args, kwargs) => {
    const [chars] = bindArguments('strip', [['chars', null]], args, kwargs);
    const set = chars === null ? PYTHON_WHITESPACE : escapeForClass(pythonStr(chars));
    if (set === '') return self;
    let text = self;
    if (where !== 'end') text = text.replace(new RegExp(`^[${set}]+`, 'u'), '');
    if (where !== 'start') text = text.replace(new RegExp(`[${set}]+$`, 'u'), '');
    return text;
  };
}

function escapeForClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, (char) => `\\${char}`);
}

/** Python's `str.title()`: a letter after a letter is lower-cased, any other letter upper-cased. */
export function pythonTitle(text: string): string {
  let previousIsLetter = false;
  let result = '';
  for (const char of text) {
    const isLetter = /\p{L}/u.test(char);
    result += isLetter ? (previousIsLetter ? char.toLowerCase() : char.toUpperCase()) : char;
    previousIsLetter = isLetter;
  }
  return result;
}

export function pythonCapitalize(text: string): string {
  const [first = '', ...rest] = [...text];
  return first.toUpperCase() + rest.join('').toLowerCase();
}

/** Python's `str.replace(old, new, count)`; an empty `old` inserts between characters, as Python does. */
export function pythonReplace(text: string, old: string, replacement: string, count: number): string {
  if (old === '') {
    const chars = [...text];
    let result = '';
    for (let index = 0; index <= chars.length; index += 1) {
      if (count < 0 || index < count) result += replacement;
      result += chars[index] ?? '';
    }
    return result;
  }
  const parts = text.split(old);
  if (count < 0 || count >= parts.length - 1) return parts.join(replacement);
  return parts.slice(0, count + 1).join(replacement) + old + parts.slice(count + 1).join(old);
}

function stringArgument(callee: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new TemplateError(`${callee}() argument must be str, not ${pythonTypeName(value)}`);
  }
  return value;
}

const STRING_METHODS: Readonly<Record<string, Method>> = {
  upper: (self: string) => self.toUpperCase(),
  lower: (self: string) => self.toLowerCase(),
  title: (self: string) => pythonTitle(self),
  capitalize: (self: string) => pythonCapitalize(self),
  strip: stripper('both'),
  lstrip: stripper('start'),
  rstrip: stripper('end'),
  startswith: (self: string, args, kwargs) => {
    const [prefix] = bindArguments('startswith', [['prefix']], args, kwargs);
    const prefixes = Array.isArray(prefix) ? prefix : [prefix];
    return prefixes.some((candidate) => self.startsWith(stringArgument('startswith', candidate)));
  },
  endswith: (self: string, args, kwargs) => {
    const [suffix] = bindArguments('endswith', [['suffix']], args, kwargs);
    const suffixes = Array.isArray(suffix) ? suffix : [suffix];
    return suffixes.some((candidate) => self.endsWith(stringArgument('endswith', candidate)));
  },
  split: (self: string, args, kwargs) => {
    const [separator, maxsplit] = bindArguments(
      'split',
      [
        ['sep', null],
        ['maxsplit', -1],
      ],
      args,
      kwargs,
    );
    const limit = typeof maxsplit === 'number' && maxsplit >= 0 ? maxsplit : Infinity;
    if (separator === null) return splitWhitespace(self, limit);
    const sep = stringArgument('split', separator);
    if (sep === '') throw new TemplateError('empty separator');
    const parts = self.split(sep);
    return limit >= parts.length ? parts : [...parts.slice(0, limit), parts.slice(limit).join(sep)];
  },
  replace: (self: string, args, kwargs) => {
    const [old, replacement, count] = bindArguments(
      'replace',
      [['old'], ['new'], ['count', -1]],
      args,
      kwargs,
    );
    return pythonReplace(
      self,
      stringArgument('replace', old),
      stringArgument('replace', replacement),
      Number(count),
    );
  },
  join: (self: string, args, kwargs) => {
    const [iterable] = bindArguments('join', [['iterable']], args, kwargs);
    return pyIterate(iterable)
      .map((item) => stringArgument('join', item))
      .join(self);
  },
  count: (self: string, args, kwargs) => {
    const [sub] = bindArguments('count', [['sub']], args, kwargs);
    const needle = stringArgument('count', sub);
    return needle === '' ? [...self].length + 1 : self.split(needle).length - 1;
  },
  find: (self: string, args, kwargs) => {
    const [sub] = bindArguments('find', [['sub']], args, kwargs);
    const index = self.indexOf(stringArgument('find', sub));
    return index === -1 ? -1 : [...self.slice(0, index)].length;
  },
};

function splitWhitespace(text: string, limit: number): string[] {
  const words: string[] = [];
  let rest = text.replace(new RegExp(`^[${PYTHON_WHITESPACE}]+`, 'u'), '');
  while (rest !== '') {
    if (words.length === limit) {
      words.push(rest.replace(new RegExp(`[${PYTHON_WHITESPACE}]+$`, 'u'), ''));
      break;
    }
    const match = new RegExp(`[${PYTHON_WHITESPACE}]+`, 'u').exec(rest);
    if (!match) {
      words.push(rest);
      break;
    }
    words.push(rest.slice(0, match.index));
    rest = rest.slice(match.index + match[0].length);
  }
  return words;
}

const LIST_METHODS: Readonly<Record<string, Method>> = {
  count: (self: unknown[], args, kwargs) => {
    const [value] = bindArguments('count', [['value']], args, kwargs);
    return self.filter((item) => pythonEquals(item, value)).length;
  },
  index: (self: unknown[], args, kwargs) => {
    const [value] = bindArguments('index', [['value']], args, kwargs);
    const index = self.findIndex((item) => pythonEquals(item, value));
    if (index === -1) throw new TemplateError(`${pythonRepr(value)} is not in list`);
    return index;
  },
};

function methodOf(object: unknown, name: string): PyCallable | undefined {
  const table = isPythonDict(object)
    ? DICT_METHODS
    : typeof object === 'string'
      ? STRING_METHODS
      : Array.isArray(object)
        ? LIST_METHODS
        : undefined;
  if (table === undefined || !Object.hasOwn(table, name)) return undefined;
  const method = table[name];
  return new PyCallable(name, (args, kwargs) => method(object as never, args, kwargs));
}
