import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsObject, IsString, ValidateBy, ValidateIf } from 'class-validator';
import { DRF_MESSAGES } from '@validity/platform/netbox-api';

/**
 * A field that may be left out (required ones are listed to `validateInput`) but, when given, may not
 * be null, with DRF's message. Nulls must be caught here: class-validator skips them in PATCH mode.
 */
export function NotNullWhenGiven(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_input, value) => value !== undefined),
    IsDefined({ message: DRF_MESSAGES.null }),
  );
}

// DRF's `ProhibitNullCharactersValidator` message; PostgreSQL can store no NUL in text or jsonb either,
// so without this rule such a body fails the insert with a 500.
const NULL_CHARACTERS = 'Null characters are not allowed.';

function NoNullCharacters(): PropertyDecorator {
  return ValidateBy({
    name: 'noNullCharacters',
    validator: {
      validate: (value) => !hasNullCharacter(value),
      defaultMessage: () => NULL_CHARACTERS,
    },
  });
}

function hasNullCharacter(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([key, item]) => key.includes('\0') || hasNullCharacter(item));
}

/**
 * DRF's `CharField`: a string, trimmed, (unless blank is allowed) not blank after trimming, and without
 * NUL characters.
 */
export function DrfText(): PropertyDecorator {
  return applyDecorators(
    NoNullCharacters(),
    NotNullWhenGiven(),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString({ message: DRF_MESSAGES.notAString }),
    IsNotEmpty({ message: DRF_MESSAGES.blank }),
  );
}

/** NetBox's `custom_fields`: a dictionary (without NUL characters), with NetBox's message for anything else. */
export function CustomFieldData(): PropertyDecorator {
  return applyDecorators(
    NoNullCharacters(),
    NotNullWhenGiven(),
    IsObject({
      message:
        'Invalid data format. Custom field data must be passed as a dictionary mapping field names to their values.',
    }),
  );
}
