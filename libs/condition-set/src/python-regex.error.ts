/** A pattern Python's `re` rejects; the message is Python 3.11's `re.error` text, position included. */
export class PythonRegexError extends Error {
  override readonly name = 'PythonRegexError';
}
