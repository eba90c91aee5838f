import { pythonStr, pythonTypeName } from '@validity/contracts';

/** Django REST Framework 3.14's field messages, which NetBox 3.6 clients see in 400 bodies. */
export const DRF_MESSAGES = {
  required: 'This field is required.',
  blank: 'This field may not be blank.',
  null: 'This field may not be null.',
  notAString: 'Not a valid string.',
  notABoolean: 'Must be a valid boolean.',
  notAnInteger: 'A valid integer is required.',
  /** `ProhibitNullCharactersValidator`'s message, which every DRF `CharField` applies. */
  nullCharacters: 'Null characters are not allowed.',
  maxLength: (limit: number) => `Ensure this field has no more than ${limit} characters.`,
  minLength: (limit: number) => `Ensure this field has at least ${limit} characters.`,
  /** `PrimaryKeyRelatedField`'s lookup found nothing; the key as Python's `str()` prints it. */
  pkDoesNotExist: (key: unknown) => `Invalid pk "${pythonStr(key)}" - object does not exist.`,
  /** The choice as DRF quotes it: Python's `str()` of the input (`"True" is not a valid choice.`). */
  invalidChoice: (value: unknown) => `"${pythonStr(value)}" is not a valid choice.`,
  notAList: (value: unknown) => `Expected a list of items but got type "${pythonTypeName(value)}".`,

  /** DRF's BooleanField inputs; anything else is left as is so `@IsBoolean` reports it. */
  toBoolean(value: unknown): unknown {
    if (TRUE_VALUES.has(value as never)) return true;
    if (FALSE_VALUES.has(value as never)) return false;
    return value;
  },
} as const;

const TRUE_VALUES = new Set<unknown>([
  true,
  1,
  '1',
  'true',
  'True',
  'TRUE',
  'yes',
  'Yes',
  'YES',
  'on',
  'On',
  'ON',
  't',
  'T',
  'y',
  'Y',
]);
const FALSE_VALUES = new Set<unknown>([
  false,
  0,
  '0',
  'false',
  'False',
  'FALSE',
  'no',
  'No',
  'NO',
  'off',
  'Off',
  'OFF',
  'f',
  'F',
  'n',
  'N',
]);
