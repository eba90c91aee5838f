import { ValidateBy, type ValidationOptions } from 'class-validator';
import { DestinationPolicy } from '@validity/contracts';

/** Comma-separated CIDR networks or addresses (`DELIVERY_ALLOW_NETWORKS`), empty for none. */
export function IsNetworkList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNetworkList',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && DestinationPolicy.parseNetworkList(value) !== undefined,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be comma-separated CIDR networks or addresses`,
      },
    },
    options,
  );
}
