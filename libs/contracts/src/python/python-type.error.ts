/**
 * The `TypeError` Python raises when an operator meets a value it cannot handle (`None > 1`). NetBox
 * 3.6 lets it escape and the webhook job fails; condition-set turns it into an `EvaluationResult` error,
 * the Jinja2 sandbox into a template error.
 * The message is Python 3.11's, word for word.
 */
export class PythonTypeError extends Error {
  override readonly name = 'PythonTypeError';
}
