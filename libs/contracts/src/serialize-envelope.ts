import type { JsonObject } from './json-value';
import type { NetBoxEnvelope } from './netbox-envelope';
import { pythonJsonDumps } from './python-json-dumps';

/**
 * The one serializer for envelopes: the exact bytes NetBox 3.6 posts as a default webhook body, which are
 * also the value of the Kafka record and what `X-Hook-Signature` signs.
 *
 * The envelope keys are written in NetBox's order (`event, timestamp, model, username, request_id, data,
 * snapshots`) and the snapshot keys as `prechange, postchange`, whatever order the input object has; keys
 * outside the envelope contract are not written. Inside `data` and the snapshots, insertion order is kept.
 * See `pythonJsonDumps` for escaping and number rules.
 */
export function serializeEnvelope(envelope: NetBoxEnvelope): string {
  const ordered: JsonObject = {
    event: envelope.event,
    timestamp: envelope.timestamp,
    model: envelope.model,
    username: envelope.username,
    request_id: envelope.request_id,
    data: envelope.data,
    snapshots: {
      prechange: envelope.snapshots.prechange,
      postchange: envelope.snapshots.postchange,
    },
  };
  return pythonJsonDumps(ordered);
}
