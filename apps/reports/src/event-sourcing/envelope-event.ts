import {
  encodeEnvelope,
  netboxTimestamp,
  OBJECT_TYPES,
  preciseNow,
  type EnvelopeEvent,
  type EnvelopeSnapshots,
  type EventObjectType,
  type JsonObject,
} from '@validity/contracts';
import type { NewEvent } from '@validity/platform/event-store';
import type { ChangeContext } from './change-context';

export interface EnvelopeEventSpec {
  /** Domain event name, e.g. `ComplianceReportCreated`. */
  type: string;
  objectType: EventObjectType;
  objectId: number;
  event: EnvelopeEvent;
  context: ChangeContext;
  /** REST representation with relative urls. */
  data: JsonObject;
  snapshots: EnvelopeSnapshots;
}

/**
 * A domain event whose Kafka record is the NetBox 3.6 webhook body of the change. Its `timestamp` is
 * taken now: build it right before appending, at the end of the transaction, as NetBox stamps the body
 * when it flushes its queue after the change is saved.
 */
export function envelopeEvent(spec: EnvelopeEventSpec): NewEvent {
  const stamp = preciseNow();
  return {
    type: spec.type,
    record: encodeEnvelope(
      {
        event: spec.event,
        timestamp: netboxTimestamp(stamp.date, stamp.micros),
        model: OBJECT_TYPES[spec.objectType].model,
        username: spec.context.username,
        request_id: spec.context.requestId,
        data: spec.data,
        snapshots: spec.snapshots,
      },
      { objectType: spec.objectType, objectId: spec.objectId },
    ),
  };
}
