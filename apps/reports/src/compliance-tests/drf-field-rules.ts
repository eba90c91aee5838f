import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDefined, IsNotEmpty, IsObject, IsString, ValidateIf } from 'class-validator';
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

/** DRF's `CharField`: a string, trimmed, and (unless blank is allowed) not blank after trimming. */
export function DrfText(): PropertyDecorator {
  return applyDecorators(
    NotNullWhenGiven(),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString({ message: DRF_MESSAGES.notAString }),
    IsNotEmpty({ message: DRF_MESSAGES.blank }),
  );
}

/** NetBox's `custom_fields`: a dictionary, with NetBox's message for anything else. */
export function CustomFieldData(): PropertyDecorator {
  return applyDecorators(
    NotNullWhenGiven(),
    IsObject({
      message:
        'Invalid data format. Custom field data must be passed as a dictionary mapping field names to their values.',
    }),
  );
}
