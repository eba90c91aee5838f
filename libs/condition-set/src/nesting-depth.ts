import { isPythonDict } from '@validity/contracts';

/**
 * Whether `value` nests lists and dicts more than `limit` levels deep (`[]` is one level). Parsing,
 * printing and comparing conditions recurse, so a hostile body must be refused before they start; the
 * measure itself uses an explicit stack for the same reason.
 */
export function nestingDepthExceeds(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
    const children = childrenOf(entry.value);
    if (children === undefined) continue;
    if (entry.depth === limit) return true;
    for (const child of children) pending.push({ value: child, depth: entry.depth + 1 });
  }
  return false;
}

function childrenOf(value: unknown): readonly unknown[] | undefined {
  if (Array.isArray(value)) return value;
  return isPythonDict(value) ? Object.values(value) : undefined;
}
