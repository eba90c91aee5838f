import { isPythonDict } from '@validity/contracts';

/**
 * The value a condition's `attr` points at in the event's `data`, walked the way NetBox 3.x does
 * (`functools.reduce` over `attr.split('.')`):
 *
 * - a dict step returns the member, or `null` when the key is missing (NetBox 4.3.4+ raises instead);
 * - a list step is applied to every element and yields a list (`tags.slug` → `["a", "b"]`);
 * - stepping into anything else (`null`, a string, a number), or fanning out over a list with an element
 *   that is not a dict, makes the whole path `null`: Python's `dict.get` raises `TypeError` there, which
 *   NetBox catches as "invalid key path".
 */
export function resolveAttribute(data: unknown, attr: string): unknown {
  let value = data;
  for (const key of attr.split('.')) {
    if (Array.isArray(value)) {
      if (!value.every(isPythonDict)) return null;
      value = value.map((item) => member(item, key));
    } else if (isPythonDict(value)) {
      value = member(value, key);
    } else {
      return null;
    }
  }
  return value;
}

function member(dict: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(dict, key) ? dict[key] : null;
}
