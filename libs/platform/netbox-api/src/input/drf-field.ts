import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

/** What a field parser makes of a value it refuses: DRF's message for it. */
export class InvalidFieldValue {
  constructor(readonly message: string) {}
}

/**
 * A DRF field's `run_validation`: the value as DRF stores it (trimmed, coerced), or the first message
 * DRF answers for it. Called only for keys present in the body; absent keys are the serializer's
 * business (required or default).
 */
export type FieldParser<T> = (raw: unknown) => T | InvalidFieldValue;

/**
 * Declares an input property as a DRF field. The parser runs while the body becomes the input instance
 * (so the instance holds DRF's internal value) and class-validator reports its message under the
 * property, so `validateInput` answers `{"<field>": ["<DRF message>"]}`. The parser reads the raw body
 * value, not class-transformer's copy of it.
 */
export function DrfField<T>(parse: FieldParser<T>): PropertyDecorator {
  return (target, property) => {
    Transform(({ obj }) => parse((obj as Record<string | symbol, unknown>)[property]), {
      toClassOnly: true,
    })(target, property);
    ValidateBy({
      name: 'drfField',
      validator: {
        validate: (value) => !(value instanceof InvalidFieldValue),
        defaultMessage: (args) => (args?.value as InvalidFieldValue).message,
      },
    })(target, property);
  };
}
