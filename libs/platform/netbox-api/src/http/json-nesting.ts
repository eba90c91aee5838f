/**
 * How deep arrays and objects may nest in a request body. Far beyond any real body (a compliance run
 * nests five levels, webhook `conditions` at most 64), and far below what recursive code downstream
 * (validation, serializers, Python's `json` in a client reading our answer back) survives: without a
 * bound, a 100,000-level body ends in "Maximum call stack size exceeded" and a 500.
 */
export const MAX_JSON_NESTING_DEPTH = 128;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/**
 * Whether the JSON text nests arrays and objects deeper than `maxDepth`, read in one pass over the raw
 * bytes before anything parses them (UTF-8 continuation bytes are never ASCII, so no character of a
 * string can pass for a bracket or a quote). Malformed text is left to the parser.
 */
export function jsonNestsDeeperThan(body: Buffer, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < body.length; index += 1) {
    const byte = body[index];
    if (inString) {
      if (byte === BACKSLASH) index += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPENERS.has(byte)) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (CLOSERS.has(byte)) {
      depth -= 1;
    }
  }
  return false;
}
