import { pythonNumberRepr, pythonStringRepr } from '@validity/contracts';
import { pythonTypeName } from './python-type-name';

/**
 * Python's `str(value)` for a JSON value: what an f-string prints, e.g. NetBox's
 * `Unknown operator: {op}` with `op` = `null` gives `Unknown operator: None`.
 */
export function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

/** Python's `repr(value)` for a JSON value: `'it\'s'` → `"it's"`, `[1, 'a', None]`, `{'a': True}`. */
export function pythonRepr(value: unknown): string {
  switch (pythonTypeName(value)) {
    case 'NoneType':
      return 'None';
    case 'bool':
      return value ? 'True' : 'False';
    case 'int':
    case 'float':
      return pythonNumberRepr(value as number);
    case 'str':
      return pythonStringRepr(value as string);
    case 'list':
      return `[${(value as readonly unknown[]).map(pythonRepr).join(', ')}]`;
    case 'dict':
      return `{${Object.entries(value as object)
        .map(([key, member]) => `${pythonStringRepr(key)}: ${pythonRepr(member)}`)
        .join(', ')}}`;
    case 'object':
      return '<object>';
  }
}
