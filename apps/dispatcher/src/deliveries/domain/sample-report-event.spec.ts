import { sampleReportCreatedEvent } from './sample-report-event';

describe('sampleReportCreatedEvent', () => {
  const now = { date: new Date('2026-12-02T10:00:00.123Z'), micros: 123456 };

  it("is a compliance report's created envelope in NetBox's bytes, with the caller's username and request id", () => {
    const event = sampleReportCreatedEvent({ username: 'alice', requestId: 'req-1', now });
    const text = event.body.toString('utf8');
    expect(text.startsWith('{"event": "created", "timestamp": "2026-12-02T10:00:00.123456+00:00"')).toBe(
      true,
    );
    expect(JSON.parse(text)).toMatchObject({
      model: 'compliancereport',
      username: 'alice',
      request_id: 'req-1',
      data: { id: 0, url: '/api/plugins/validity/reports/0/', total_passed: 1, total_count: 1 },
      snapshots: { prechange: null, postchange: { custom_fields: {} } },
    });
    expect(event).toMatchObject({ event: 'created', objectType: 'validity.compliancereport', objectId: '0' });
  });

  it('has a new event id each time', () => {
    const first = sampleReportCreatedEvent({ username: 'a', requestId: 'r', now });
    const second = sampleReportCreatedEvent({ username: 'a', requestId: 'r', now });
    expect(first.eventId).not.toBe(second.eventId);
  });
});
