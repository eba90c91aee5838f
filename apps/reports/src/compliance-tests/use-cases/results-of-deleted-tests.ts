import type { EntityManager } from 'typeorm';

/**
 * Deleting a test deletes its results (Validity cascades them), in the same transaction. The results'
 * tables belong to the test-results feature, which depends on tests (a result shows its test): so the
 * app root wires its store in here, and tests never import results.
 */
export abstract class ResultsOfDeletedTests {
  abstract deleteResultsOfTest(manager: EntityManager, testId: number): Promise<void>;
}
