const UNIQUE_VIOLATION = '23505';

/** Whether a query failed on the named unique constraint (a race the use case's own check lost). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const { code, constraint: violated } = error as { code?: string; constraint?: string };
  return code === UNIQUE_VIOLATION && violated === constraint;
}
