import { loneSurrogateIn, pythonLength, pythonStr, pythonStrip, type JsonValue } from '@validity/contracts';
import { InvalidFieldValue, type FieldParser } from './drf-field';
import { DRF_MESSAGES } from './drf-messages';
import { firstInJson } from './first-in-json';
import { surrogateMessage } from './lone-surrogates';

/** Python's own text for a float json cannot write; PostgreSQL refuses `Infinity` in jsonb (NetBox: 500). */
const NON_FINITE_NUMBER = 'Out of range float values are not JSON compliant.';

export interface CharFieldOptions {
  maxLength?: number;
  /** DRF's `min_length` (what `ModelSerializer` makes of a model's `MinLengthValidator`). */
  minLength?: number;
  allowBlank?: boolean;
  allowNull?: boolean;
}

/**
 * DRF's `CharField` as ModelSerializer builds it: blank test first (after `strip()`), numbers accepted as
 * their `str()`, surrounding whitespace removed from what is stored, then the validators in DRF's order
 * (length in code points, maximum before minimum, null characters, lone surrogates).
 */
export function charField({
  maxLength,
  minLength,
  allowBlank = false,
  allowNull = false,
}: CharFieldOptions = {}): FieldParser<string | null> {
  return (raw) => {
    if (raw === null) return allowNull ? null : new InvalidFieldValue(DRF_MESSAGES.null);
    if (typeof raw === 'string' && pythonStrip(raw) === '') {
      return allowBlank ? '' : new InvalidFieldValue(DRF_MESSAGES.blank);
    }
    if (typeof raw !== 'string' && typeof raw !== 'number')
      return new InvalidFieldValue(DRF_MESSAGES.notAString);
    const text = pythonStrip(pythonStr(raw));
    if (maxLength !== undefined && pythonLength(text) > maxLength) {
      return new InvalidFieldValue(DRF_MESSAGES.maxLength(maxLength));
    }
    if (minLength !== undefined && pythonLength(text) < minLength) {
      return new InvalidFieldValue(DRF_MESSAGES.minLength(minLength));
    }
    const problem = unstorableTextProblem(text);
    return problem === undefined ? text : new InvalidFieldValue(problem);
  };
}

/** DRF's `BooleanField`: its true/false spellings, nothing else. */
export const booleanField: FieldParser<boolean> = (raw) => {
  if (raw === null) return new InvalidFieldValue(DRF_MESSAGES.null);
  const value = DRF_MESSAGES.toBoolean(raw);
  return typeof value === 'boolean' ? value : new InvalidFieldValue(DRF_MESSAGES.notABoolean);
};

/** DRF's `ChoiceField`: exact, case-sensitive; the message quotes Python's `str()` of the input. */
export function choiceField<T extends string>(choices: readonly T[]): FieldParser<T> {
  return (raw) => {
    if (raw === null) return new InvalidFieldValue(DRF_MESSAGES.null);
    if (typeof raw === 'string' && (choices as readonly string[]).includes(raw)) return raw as T;
    return new InvalidFieldValue(DRF_MESSAGES.invalidChoice(raw));
  };
}

export interface IntegerFieldOptions {
  min: number;
  max: number;
  allowNull?: boolean;
}

/** DRF's `IntegerField` with min/max validators; like DRF it takes `"5"` and `5.0` as 5. */
export function integerField({
  min,
  max,
  allowNull = false,
}: IntegerFieldOptions): FieldParser<number | null> {
  return (raw) => {
    if (raw === null) return allowNull ? null : new InvalidFieldValue(DRF_MESSAGES.null);
    const value =
      typeof raw === 'number'
        ? raw
        : typeof raw === 'string' && /^\s*[+-]?\d+(\.0*)?\s*$/.test(raw)
          ? Number(raw.replace(/\.0*\s*$/, ''))
          : NaN;
    if (!Number.isSafeInteger(value)) return new InvalidFieldValue(DRF_MESSAGES.notAnInteger);
    if (value < min) return new InvalidFieldValue(`Ensure this value is greater than or equal to ${min}.`);
    if (value > max) return new InvalidFieldValue(`Ensure this value is less than or equal to ${max}.`);
    return value;
  };
}

/**
 * DRF's `JSONField` (nullable): any JSON. Values PostgreSQL's jsonb refuses, which make NetBox answer
 * 500, are refused with a message instead: null characters, lone surrogates, numbers beyond a double.
 */
export const jsonField: FieldParser<JsonValue> = (raw) => {
  const problem = unstorableJsonProblem(raw);
  return problem === undefined ? (raw as JsonValue) : new InvalidFieldValue(problem);
};

function unstorableTextProblem(text: string): string | undefined {
  if (text.includes('\0')) return DRF_MESSAGES.nullCharacters;
  const surrogate = loneSurrogateIn(text);
  return surrogate === undefined ? undefined : surrogateMessage(surrogate);
}

/**
 * DRF's `ProhibitNullCharactersValidator` over a whole JSON value, keys included: PostgreSQL can store
 * no NUL in text or jsonb, so without this rule such a body fails its insert with a 500.
 */
export function hasNullCharacter(value: unknown): boolean {
  return (
    firstInJson(value, (leaf) => (typeof leaf === 'string' && leaf.includes('\0')) || undefined) ?? false
  );
}

function unstorableJsonProblem(value: unknown): string | undefined {
  return firstInJson(value, (leaf) => {
    if (typeof leaf === 'string') return unstorableTextProblem(leaf);
    return Number.isFinite(leaf) ? undefined : NON_FINITE_NUMBER;
  });
}
