import type { WebhookDefinition } from '@validity/contracts';

/**
 * The rotated-out secret that still signs at `at`, or undefined: only inside the overlap the registry
 * set when the secret changed (`previous_secret_expires`). Decided per attempt, so a retry after a
 * rotation is signed with the secrets current at its own time, not those of its first attempt.
 */
export function previousSecretAt(definition: WebhookDefinition, at: Date): string | undefined {
  const { previous_secret: previous, previous_secret_expires: expires } = definition;
  if (!previous || !expires) return undefined;
  return Date.parse(expires) > at.getTime() ? previous : undefined;
}
