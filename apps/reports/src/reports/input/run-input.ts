import {
  isPythonDict,
  pythonLength,
  pythonTypeName,
  type JsonObject,
  type JsonValue,
} from '@validity/contracts';
import {
  booleanField,
  DRF_MESSAGES,
  hasNullCharacter,
  InvalidFieldValue,
  storedCustomFieldsField,
  type FieldParser,
} from '@validity/platform/netbox-api';
import type { RunInputErrors } from './run-input-errors';

/** A related object as a result names it: by id (`7`, `"7"`, `{"id": 7}`) or by name (`{"name": "r1"}`). */
export type ObjectReference = { id: number } | { name: string };

export interface RunResult {
  test: ObjectReference;
  device: ObjectReference;
  dynamicPair: ObjectReference | null;
  passed: boolean;
  explanation: JsonValue;
}

/** A result as read so far: a field is absent when it failed (its error is in `RunInputErrors`). */
export type RunResultDraft = Partial<RunResult>;

export interface RunInput {
  results: RunResultDraft[];
  customFields: JsonObject;
}

/** NetBox's `Device.name` length. */
const DEVICE_NAME_MAX_LENGTH = 64;

export const REFERENCE_MESSAGES = {
  pkDoesNotExist: (id: number) => `Invalid pk "${id}" - object does not exist.`,
  nameDoesNotExist: (name: string) => `Object with name=${name} does not exist.`,
  incorrectType: (value: unknown) => `Incorrect type. Expected pk value, received ${pythonTypeName(value)}.`,
  invalid: 'Invalid value.',
};

/**
 * Reads the body of `POST /reports/`, `{"results": [...], "custom_fields": {}}`, recording every problem
 * in `errors` with DRF's messages; throws at once only when there is no list of results to go through.
 * Hand-written rather than class-validator: a run has up to 100,000 results and this reads them without
 * copying the input or building validator objects per result.
 */
export function readRunInput(body: unknown, errors: RunInputErrors): RunInput {
  if (!isPythonDict(body)) {
    errors.addField(
      'non_field_errors',
      `Invalid data. Expected a dictionary, but got ${pythonTypeName(body)}.`,
    );
    throw errors.toError(0);
  }
  const customFields = readCustomFields(body.custom_fields, errors);
  const results = body.results;
  if (!Array.isArray(results)) {
    errors.addField('results', missingOrNull(results) ?? DRF_MESSAGES.notAList(results));
    throw errors.toError(0);
  }
  return { results: results.map((result, index) => readResult(result, index, errors)), customFields };
}

function readCustomFields(value: unknown, errors: RunInputErrors): JsonObject {
  if (value === undefined) return {};
  const customFields = storedCustomFieldsField(value);
  if (!(customFields instanceof InvalidFieldValue)) return customFields as JsonObject;
  errors.addField('custom_fields', customFields.message);
  return {};
}

function readResult(value: unknown, index: number, errors: RunInputErrors): RunResultDraft {
  if (!isPythonDict(value)) {
    errors.addResult(
      index,
      'non_field_errors',
      `Invalid data. Expected a dictionary, but got ${pythonTypeName(value)}.`,
    );
    return {};
  }
  const fail = (field: string, message: string) => {
    errors.addResult(index, field, message);
    return undefined;
  };
  const draft: RunResultDraft = {};
  draft.test = readRequired(value.test, (message) => fail('test', message), readReference);
  draft.device = readRequired(value.device, (message) => fail('device', message), readDeviceReference);
  draft.dynamicPair =
    value.dynamic_pair === undefined || value.dynamic_pair === null
      ? null
      : orFail(readDeviceReference(value.dynamic_pair), (message) => fail('dynamic_pair', message));
  draft.passed = readRequired(value.passed, (message) => fail('passed', message), readBoolean);
  if (value.explanation === null) fail('explanation', DRF_MESSAGES.null);
  else if (hasNullCharacter(value.explanation)) fail('explanation', DRF_MESSAGES.nullCharacters);
  else draft.explanation = (value.explanation ?? []) as JsonValue;
  return draft;
}

type Reading<T> = T | { error: string };

function readRequired<T>(
  value: unknown,
  fail: (message: string) => undefined,
  read: (value: unknown) => Reading<T>,
) {
  const missing = missingOrNull(value);
  return missing === undefined ? orFail(read(value), fail) : fail(missing);
}

function orFail<T>(reading: Reading<T>, fail: (message: string) => undefined): T | undefined {
  return isFailure(reading) ? fail(reading.error) : reading;
}

function isFailure<T>(reading: Reading<T>): reading is { error: string } {
  return typeof reading === 'object' && reading !== null && 'error' in reading;
}

/** DRF's related-field input: a primary key, or a dictionary of identifying attributes. */
function readReference(value: unknown): Reading<ObjectReference> {
  if (!isPythonDict(value)) return readPrimaryKey(value);
  if (value.id !== undefined) return readPrimaryKey(value.id);
  if (typeof value.name === 'string' && value.name !== '') return { name: value.name };
  return { error: REFERENCE_MESSAGES.invalid };
}

function readPrimaryKey(value: unknown): Reading<ObjectReference> {
  if (typeof value === 'number' && Number.isInteger(value)) return { id: value };
  if (typeof value === 'string' && /^\d+$/.test(value)) return { id: Number(value) };
  return { error: REFERENCE_MESSAGES.incorrectType(value) };
}

function readDeviceReference(value: unknown): Reading<ObjectReference> {
  const reference = readReference(value);
  if ('name' in reference && pythonLength(reference.name) > DEVICE_NAME_MAX_LENGTH) {
    return { error: DRF_MESSAGES.maxLength(DEVICE_NAME_MAX_LENGTH) };
  }
  if ('name' in reference && hasNullCharacter(reference.name)) return { error: DRF_MESSAGES.nullCharacters };
  return reference;
}

/** A field parser's outcome as a reading. */
function reading<T>(parse: FieldParser<T>): (value: unknown) => Reading<T> {
  return (value) => {
    const parsed = parse(value);
    return parsed instanceof InvalidFieldValue ? { error: parsed.message } : parsed;
  };
}

const readBoolean = reading(booleanField);

function missingOrNull(value: unknown): string | undefined {
  if (value === undefined) return DRF_MESSAGES.required;
  if (value === null) return DRF_MESSAGES.null;
  return undefined;
}
