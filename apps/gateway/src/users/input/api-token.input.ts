import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { DRF_MESSAGES } from '@validity/platform/netbox-api';

/**
 * Body of POST/PUT/PATCH `/api/users/tokens/` (NetBox 3.6 TokenSerializer's writable fields).
 * `user` may be an id or `{"id": n}` / `{"username": "x"}`, as NetBox's nested fields accept.
 */
export class ApiTokenInput {
  @IsOptional()
  user?: unknown;

  @IsOptional()
  @IsString({ message: DRF_MESSAGES.notAString })
  @Length(40, 40, { message: 'Ensure this field has at least 40 characters.' })
  key?: string;

  @ValidateIf((_input, value) => value !== null && value !== undefined)
  @IsDateString(
    { strict: true },
    {
      message:
        'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
    },
  )
  expires?: string | null;

  @IsOptional()
  @Transform(({ value }) => DRF_MESSAGES.toBoolean(value))
  @IsBoolean({ message: DRF_MESSAGES.notABoolean })
  write_enabled?: boolean;

  // DRF's `ProhibitNullCharactersValidator`; PostgreSQL cannot store NUL, so it would be a 500.
  @IsOptional()
  @IsString({ message: DRF_MESSAGES.notAString })
  @MaxLength(200, { message: 'Ensure this field has no more than 200 characters.' })
  @Matches(/^[^\0]*$/, { message: 'Null characters are not allowed.' })
  description?: string;
}
