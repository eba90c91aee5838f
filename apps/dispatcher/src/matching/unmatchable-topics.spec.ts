import type { WebhookDefinition } from '@validity/contracts';
import { aWebhookDefinition } from '@validity/testing';
import { WebhookView } from '../webhook-view/webhook-view';
import { UnmatchableTopics, unmatchableTopics } from './unmatchable-topics';

function definition(id: number, overrides: Partial<WebhookDefinition> = {}): WebhookDefinition {
  return aWebhookDefinition(id, 'http://127.0.0.1:9000/', { timeout: null, ...overrides });
}

function unmatchable(topics: string[], definitions: WebhookDefinition[]): string[] {
  const view = new WebhookView();
  definitions.forEach((each) => view.put(each));
  return [...unmatchableTopics(topics, view)];
}

const REPORT_TOPICS = [
  'validity.compliancereport.created',
  'validity.compliancereport.updated',
  'validity.compliancereport.deleted',
];

describe('unmatchableTopics', () => {
  it('leaves out the topics of the object type and events a webhook takes', () => {
    const topics = [...REPORT_TOPICS, 'validity.compliancetest.created', 'dcim.device.created'];
    expect(unmatchable(topics, [definition(1)])).toEqual([
      'validity.compliancereport.updated',
      'validity.compliancereport.deleted',
      'validity.compliancetest.created',
      'dcim.device.created',
    ]);
  });

  it('names every event topic when no webhook exists', () => {
    expect(unmatchable(REPORT_TOPICS, [])).toEqual(REPORT_TOPICS);
  });

  it('follows the type_* flags, job events included', () => {
    const webhook = definition(1, {
      content_types: ['dcim.device'],
      type_create: false,
      type_delete: true,
      type_job_end: true,
    });
    expect(
      unmatchable(
        ['dcim.device.created', 'dcim.device.deleted', 'dcim.device.job_started', 'dcim.device.job_ended'],
        [webhook],
      ),
    ).toEqual(['dcim.device.created', 'dcim.device.job_started']);
  });

  it('counts a webhook the system disabled (its events are recorded as skipped) but not one an operator disabled', () => {
    expect(unmatchable(REPORT_TOPICS.slice(0, 1), [definition(1, { enabled: false })])).toEqual(
      REPORT_TOPICS.slice(0, 1),
    );
    expect(
      unmatchable(REPORT_TOPICS.slice(0, 1), [definition(1, { enabled: false, disabled_reason: 'gone' })]),
    ).toEqual([]);
  });

  it('takes operational events without a type_* flag', () => {
    const pager = definition(1, {
      content_types: ['validity-events.delivery'],
      type_create: false,
      type_update: false,
      type_delete: false,
    });
    expect(
      unmatchable(['validity-events.delivery.exhausted', 'validity-events.webhook.disabled'], [pager]),
    ).toEqual(['validity-events.webhook.disabled']);
  });

  it('always fetches a topic not named <app_label>.<model>.<event>', () => {
    expect(unmatchable(['events_abc', 'staging.reports', '.created'], [])).toEqual([]);
  });
});

describe('UnmatchableTopics', () => {
  it('tells its listener once after a run of changes, and works the set out again only when asked', async () => {
    const view = new WebhookView();
    const topics = new UnmatchableTopics(REPORT_TOPICS, view, () => Promise.resolve());
    const tested = jest.spyOn(view, 'someForContentType');
    let calls = 0;
    topics.onChange(() => {
      calls += 1;
      topics.current();
    });
    for (let id = 1; id <= 1_000; id += 1) view.put(definition(id));
    expect(calls).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBe(1);
    expect(tested).toHaveBeenCalledTimes(REPORT_TOPICS.length);
    expect([...topics.current()]).toEqual([
      'validity.compliancereport.updated',
      'validity.compliancereport.deleted',
    ]);
  });
});
