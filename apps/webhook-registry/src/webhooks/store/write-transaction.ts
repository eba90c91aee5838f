import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { StaleStreamError } from '@validity/platform/event-store';
import { ConflictError, NetBoxValidationError } from '@validity/platform/netbox-api';
import { WEBHOOK_RULE_MESSAGES } from '../validation/webhook-model-rules';

const UNIQUE_VIOLATION = '23505';

/** What a unique constraint of the read model means, when a concurrent write beat validation to it. */
const CONSTRAINT_ERRORS: Readonly<Record<string, Record<string, string[]>>> = {
  webhooks_name_key: { name: [WEBHOOK_RULE_MESSAGES.duplicateName] },
  webhooks_payload_url_types_key: { __all__: [WEBHOOK_RULE_MESSAGES.duplicateUrlAndTypes] },
};

/**
 * Runs a webhook write in one transaction and answers its concurrency failures the NetBox way: a
 * change based on a stale version is a 409 (never a lost update), and a duplicate that a concurrent
 * request committed between validation and insert gets the same 400 validation would have given.
 */
export async function writeTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  try {
    return await dataSource.transaction(work);
  } catch (error) {
    if (error instanceof StaleStreamError) {
      throw new ConflictError('The webhook was changed by another request; reload it and try again.');
    }
    const constraint = (error as { constraint?: string }).constraint;
    if (
      error instanceof QueryFailedError &&
      (error as { code?: string }).code === UNIQUE_VIOLATION &&
      constraint !== undefined &&
      Object.hasOwn(CONSTRAINT_ERRORS, constraint)
    ) {
      throw new NetBoxValidationError(CONSTRAINT_ERRORS[constraint]);
    }
    throw error;
  }
}
