import type { ComplianceReportFields } from '@validity/contracts';
import type { Decider, NewEvent } from '@validity/platform/event-store';
import { NotFoundError } from '@validity/platform/netbox-api';
import type { ChangeContext } from '../../event-sourcing/change-context';
import { envelopeStateAfter, type EnvelopeEventTypes } from '../../event-sourcing/envelope-state';
import { asStored } from '../../event-sourcing/jsonb-key-order';
import {
  COMPLIANCE_REPORT_EVENT_TYPES,
  complianceReportCreated,
  complianceReportDeleted,
} from './compliance-report.events';
import { complianceReportOfData } from './compliance-report.representation';

/**
 * A report as its stream leaves it, without statistics (they are counted from the results on every read);
 * `null` before its run is stored and after it is deleted.
 */
export type ComplianceReportState = ComplianceReportFields | null;

export type ComplianceReportCommand =
  /** A stored run: the new report (its id just handed out) with the counts of its results. */
  | { create: ComplianceReportFields; context: ChangeContext }
  /** A client's delete, or retention's. */
  | { delete: ChangeContext };

/**
 * A report's stream: created once by its run, then only deleted. A created report is a new stream (its id
 * comes from the reports' sequence), so a run is decided on the initial state without reading the store.
 */
/** The events a report's state and row follow (`envelopeStateAfter`, the projection). */
export const COMPLIANCE_REPORT_STATE_EVENTS: EnvelopeEventTypes = {
  changed: [COMPLIANCE_REPORT_EVENT_TYPES.created],
  deleted: COMPLIANCE_REPORT_EVENT_TYPES.deleted,
};

export const complianceReportDecider: Decider<ComplianceReportState, ComplianceReportCommand> = {
  initialState: () => null,
  evolve: (state, event) =>
    envelopeStateAfter(state, event, COMPLIANCE_REPORT_STATE_EVENTS, complianceReportOfData),
  decide: (command, state): NewEvent[] => {
    if ('create' in command) {
      if (state !== null) throw new Error(`report ${state.id} is already stored`);
      return [complianceReportCreated(command.create, command.context)];
    }
    if (state === null) throw new NotFoundError();
    return [complianceReportDeleted(asStored(state), command.delete)];
  },
};
