/**
 * The first answer `check` gives for a string (object keys included) or a number anywhere in a JSON
 * value, or `undefined`. Iterative, so no nesting depth can exhaust the stack, and one item at a time,
 * as spreading a 300,000-result run as arguments would overflow it.
 */
export function firstInJson<T>(
  value: unknown,
  check: (leaf: string | number) => T | undefined,
): T | undefined {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string' || typeof item === 'number') {
      const answer = check(item);
      if (answer !== undefined) return answer;
    } else if (Array.isArray(item)) {
      for (const element of item as unknown[]) pending.push(element);
    } else if (typeof item === 'object' && item !== null) {
      for (const [key, element] of Object.entries(item)) pending.push(key, element);
    }
  }
  return undefined;
}
