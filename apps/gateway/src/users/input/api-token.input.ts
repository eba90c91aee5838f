import { IsDateString, IsOptional, ValidateIf } from 'class-validator';
import { booleanField, charField, DrfField } from '@validity/platform/netbox-api';

/**
 * Body of POST/PUT/PATCH `/api/users/tokens/` (NetBox 3.6 TokenSerializer's writable fields).
 * `user` may be an id or `{"id": n}` / `{"username": "x"}`, as NetBox's nested fields accept.
 */
export class ApiTokenInput {
  @IsOptional()
  user?: unknown;

  /** TokenSerializer's `CharField(min_length=40, max_length=40)`. */
  @DrfField(charField({ minLength: 40, maxLength: 40 }))
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

  @DrfField(booleanField)
  write_enabled?: boolean;

  /** `Token.description`: `CharField(max_length=200, blank=True)`. */
  @DrfField(charField({ maxLength: 200, allowBlank: true }))
  description?: string;
}
