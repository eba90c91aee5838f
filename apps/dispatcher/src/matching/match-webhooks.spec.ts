import type { WebhookDefinition } from '@validity/contracts';
import { aWebhookDefinition } from '@validity/testing';
import { WebhookView } from '../webhook-view/webhook-view';
import { matchWebhooks, type MatchableEvent } from './match-webhooks';

/** Every webhook of this spec posts to one receiver: matching never reads the URL. */
function definition(id: number, overrides: Partial<WebhookDefinition> = {}): WebhookDefinition {
  return aWebhookDefinition(id, 'http://127.0.0.1:9000/', { timeout: null, ...overrides });
}

const created: MatchableEvent = {
  event: 'created',
  objectType: 'validity.compliancereport',
  data: { id: 31, total_passed: 6, status: { value: 'done' } },
};

function matchedIds(definitions: WebhookDefinition[], event: MatchableEvent = created) {
  const view = new WebhookView();
  definitions.forEach((each) => view.put(each));
  return matchWebhooks(view.forContentType(event.objectType), event);
}

describe('matchWebhooks (NetBox selection)', () => {
  it('selects enabled webhooks with the event flag and the object type', () => {
    const matches = matchedIds([
      definition(1),
      definition(2, { enabled: false }),
      definition(3, { type_create: false, type_update: true }),
      definition(4, { content_types: ['validity.compliancetest'] }),
      definition(5, { content_types: ['validity.compliancetest', 'validity.compliancereport'] }),
    ]);
    expect(matches).toEqual([
      { webhookId: 1, conditionError: null },
      { webhookId: 5, conditionError: null },
    ]);
  });

  it.each([
    ['updated', 'type_update'],
    ['deleted', 'type_delete'],
    ['job_started', 'type_job_start'],
    ['job_ended', 'type_job_end'],
  ] as const)('maps %s events to %s', (event, flag) => {
    const matches = matchedIds([definition(1), definition(2, { [flag]: true })], { ...created, event });
    expect(matches.map((match) => match.webhookId)).toEqual([2]);
  });

  it('fires on Python-falsy conditions and follows the ConditionSet result otherwise', () => {
    const matches = matchedIds([
      definition(1, { conditions: {} }),
      definition(2, { conditions: { and: [{ attr: 'total_passed', op: 'gte', value: 6 }] } }),
      definition(3, { conditions: { and: [{ attr: 'status.value', value: 'failed' }] } }),
    ]);
    expect(matches.map((match) => match.webhookId)).toEqual([1, 2]);
  });

  it('matches with the error recorded when a condition cannot be evaluated or parsed', () => {
    const matches = matchedIds([
      definition(1, { conditions: { and: [{ attr: 'missing', op: 'gt', value: 1 }] } }),
      definition(2, { conditions: { xor: [] } }),
    ]);
    expect(matches[0].conditionError).toMatch(/^condition error: .*missing/);
    expect(matches[1].conditionError).toMatch(/^invalid conditions: /);
  });

  it('leaves out webhooks saved after the event entered the platform', () => {
    const enteredAtMs = Date.parse('2024-01-10T08:15:02.401Z');
    const matches = matchedIds(
      [
        definition(1, { created: '2024-01-10T08:15:02.401999Z' }),
        definition(2, { created: '2024-01-10T08:15:02.402Z' }),
        definition(3, { created: '2024-01-10T08:00:00Z' }),
        definition(4, { created: 'not a datetime' }),
      ],
      { ...created, enteredAtMs },
    );
    expect(matches.map((match) => match.webhookId)).toEqual([1, 3, 4]);
    const unknownTime = matchedIds([definition(2, { created: '2024-01-10T08:15:02.402Z' })]);
    expect(unknownTime.map((match) => match.webhookId)).toEqual([2]);
  });

  it('follows a webhook whose content types change', () => {
    const view = new WebhookView();
    view.put(definition(1));
    view.put(definition(1, { content_types: ['validity.compliancetest'] }));
    expect(view.forContentType('validity.compliancereport')).toEqual([]);
    view.remove(1);
    expect(view.forContentType('validity.compliancetest')).toEqual([]);
  });
});

describe('matchWebhooks with operational events (issue 18)', () => {
  it('sends them to every webhook naming their content type, whatever its type_* flags', () => {
    const pager = aWebhookDefinition(1, 'http://pager.example/', {
      content_types: ['validity-events.delivery'],
      type_create: false,
      type_update: true,
    });
    const other = aWebhookDefinition(2, 'http://other.example/');
    const view = new WebhookView();
    view.put(pager);
    view.put(other);
    const event = { event: 'exhausted' as const, objectType: 'validity-events.delivery', data: { id: 1 } };
    expect(matchWebhooks([view.get(1)!, view.get(2)!], event)).toEqual([
      { webhookId: 1, conditionError: null },
    ]);
  });
});
