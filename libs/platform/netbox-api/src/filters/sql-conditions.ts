/** The OR of several conditions, parenthesised so it can be ANDed safely. */
export function anyOf(conditions: readonly string[]): string {
  return conditions.length === 1 ? conditions[0] : `(${conditions.join(' OR ')})`;
}

/**
 * The negation Django's `exclude()` produces: rows where the condition is false *or NULL* remain, so
 * `name__n=x` keeps rows whose nullable column is NULL.
 */
export function not(condition: string): string {
  return `(${condition}) IS NOT TRUE`;
}

/** Escapes LIKE's wildcards so user text matches literally (PostgreSQL's default escape is `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
