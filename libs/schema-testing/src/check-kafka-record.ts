import { checkJsonSchema, resolveLocalRef } from './check-json-schema';

/** A Kafka record as a spec collected it: header values as strings. */
export interface RecordUnderCheck {
  topic: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

type Node = Record<string, unknown>;

/**
 * Checks a record against an AsyncAPI 3.0 document the way a consumer would read it: the channel whose
 * `address` is the topic, and among its messages exactly one whose key (Kafka binding), headers and
 * payload all fit (AsyncAPI requires a record to match one message only). JSON payloads are parsed and
 * their keys must also come in the schema's order. Returns the problems; empty when the record conforms.
 */
export function checkKafkaRecord(document: unknown, record: RecordUnderCheck): string[] {
  const root = document as Node;
  const channel = Object.values((root.channels ?? {}) as Record<string, Node>).find(
    (candidate) => candidate.address === record.topic,
  );
  if (channel === undefined) return [`no channel has the address ${record.topic}`];

  const results = Object.entries((channel.messages ?? {}) as Record<string, Node>).map(([name, ref]) => {
    const message = resolveRef(root, ref);
    return { name, problems: checkMessage(root, message, record) };
  });
  const matching = results.filter((result) => result.problems.length === 0);
  if (matching.length === 1) return [];
  if (matching.length > 1) {
    return [`the record matches ${matching.map((result) => result.name).join(', ')}; expected exactly one`];
  }
  return results.flatMap(({ name, problems }) => problems.map((problem) => `${name}: ${problem}`));
}

function checkMessage(root: Node, message: Node, record: RecordUnderCheck): string[] {
  const problems: string[] = [];
  const keySchema = ((message.bindings as Node | undefined)?.kafka as Node | undefined)?.key;
  if (keySchema !== undefined) {
    problems.push(...prefixed('key', checkJsonSchema(keySchema, record.key, { root })));
  }
  if (message.headers !== undefined) {
    problems.push(...prefixed('headers', checkJsonSchema(message.headers, record.headers, { root })));
  }
  const contentType = (message.contentType ?? root.defaultContentType) as string | undefined;
  const text = record.value?.toString('utf8') ?? null;
  let payload: unknown = text;
  if (contentType === 'application/json') {
    try {
      payload = text === null ? null : JSON.parse(text);
    } catch {
      return [...problems, 'payload: not JSON'];
    }
  }
  if (message.payload !== undefined) {
    problems.push(
      ...prefixed('payload', checkJsonSchema(message.payload, payload, { root, propertyOrder: true })),
    );
  }
  return problems;
}

function resolveRef(root: Node, node: Node): Node {
  return typeof node.$ref === 'string' ? (resolveLocalRef(root, node.$ref) as Node) : node;
}

function prefixed(part: string, problems: string[]): string[] {
  return problems.map((problem) => `${part} ${problem}`);
}
