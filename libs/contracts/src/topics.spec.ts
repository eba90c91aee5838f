import { readJsonFixture } from '../fixtures/read-fixture';
import {
  ALL_TOPIC_NAMES,
  DEAD_LETTER_TOPIC,
  TOKENS_TOPIC,
  TOPICS,
  WEBHOOK_DEFINITIONS_TOPIC,
  topicFor,
} from './topics';

const GOLDEN_TOPICS = readJsonFixture<{ name: string }[]>('topics.json');

describe('topics', () => {
  it('names event topics <app_label>.<model>.<event>', () => {
    expect(topicFor('validity.compliancereport', 'created')).toBe('validity.compliancereport.created');
    expect(topicFor('extras.webhook', 'deleted')).toBe('extras.webhook.deleted');
  });

  it('names the internal topics', () => {
    expect([WEBHOOK_DEFINITIONS_TOPIC, TOKENS_TOPIC, DEAD_LETTER_TOPIC]).toEqual([
      'webhook-registry.webhooks',
      'users.tokens',
      'validity-events.dead-letter',
    ]);
  });

  it('defines exactly the golden topic list, settings included', () => {
    expect(TOPICS).toEqual(GOLDEN_TOPICS);
  });

  it('lists every topic name once, in definition order', () => {
    expect(ALL_TOPIC_NAMES).toEqual(GOLDEN_TOPICS.map((topic) => topic.name));
    expect(new Set(ALL_TOPIC_NAMES).size).toBe(ALL_TOPIC_NAMES.length);
  });

  it('has no topic for object types that emit no events', () => {
    expect(ALL_TOPIC_NAMES.filter((name) => /compliancetestresult|users\.token\./.test(name))).toEqual([]);
  });
});
