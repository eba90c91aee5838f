import { InvalidFilterValueError, type Filter } from './filter';
import { anyOf, not } from './sql-conditions';

/**
 * A NetBox `MultipleChoiceFilter` (`?http_method=GET&http_method=POST`): exact, case-sensitive values
 * from `choices`, and `__n` (NetBox gives choice filters only the negation lookup). Another value fails
 * with Django's `Select a valid choice. FOO is not one of the available choices.`
 */
export function choiceFilter(column: string, choices: readonly string[]): Filter {
  return {
    lookups: ['n'],
    condition: ({ lookup, values, parameterName }) => {
      const unknown = values.find((value) => !choices.includes(value));
      if (unknown !== undefined) {
        throw new InvalidFilterValueError(
          `Select a valid choice. ${unknown} is not one of the available choices.`,
        );
      }
      const parameters = Object.fromEntries(values.map((value, index) => [parameterName(index), value]));
      const matches = anyOf(values.map((_, index) => `${column} = :${parameterName(index)}`));
      return { sql: lookup === 'n' ? not(matches) : matches, parameters };
    },
  };
}
