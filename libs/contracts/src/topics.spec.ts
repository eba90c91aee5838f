import { readJsonFixture } from '../fixtures/read-fixture';
import { NETBOX_CORE_OBJECT_TYPES } from './netbox-object-types';
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

  // The NetBox hub's topics follow one rule over NetBox's model list; they are checked separately below.
  const OWN_TOPICS = TOPICS.filter((topic) => topic.producer !== 'ingest');

  it('defines exactly the golden topic list for its own services, settings included', () => {
    expect(OWN_TOPICS).toEqual(GOLDEN_TOPICS);
  });

  it('lists every topic name once, in definition order', () => {
    expect(ALL_TOPIC_NAMES.filter((name) => OWN_TOPICS.some((topic) => topic.name === name))).toEqual(
      GOLDEN_TOPICS.map((topic) => topic.name),
    );
    expect(new Set(ALL_TOPIC_NAMES).size).toBe(ALL_TOPIC_NAMES.length);
  });

  it('has created/updated/deleted topics of one partition for every NetBox core model the hub takes', () => {
    const hub = TOPICS.filter((topic) => topic.producer === 'ingest');
    const models = NETBOX_CORE_OBJECT_TYPES.map((objectType) => objectType.name).filter(
      (name) => name !== 'extras.webhook',
    );
    expect(hub.map((topic) => topic.name).filter((name) => !/\.job_(started|ended)$/.test(name))).toEqual(
      models.flatMap((name) => ['created', 'updated', 'deleted'].map((event) => `${name}.${event}`)),
    );
    expect(
      hub.every((topic) => topic.partitions === 1 && topic.public && topic.cleanupPolicy === 'delete'),
    ).toBe(true);
    expect(ALL_TOPIC_NAMES).toContain('dcim.device.created');
    expect(ALL_TOPIC_NAMES).toContain('virtualization.vminterface.deleted');
  });

  it('has job_started/job_ended topics for the models with NetBox jobs, which the hub fills', () => {
    for (const name of [
      'core.datasource.job_started',
      'core.datasource.job_ended',
      'extras.scriptmodule.job_ended',
      'validity.compliancereport.job_ended',
    ]) {
      expect(TOPICS.find((topic) => topic.name === name)).toMatchObject({ producer: 'ingest', public: true });
    }
    expect(ALL_TOPIC_NAMES.filter((name) => name.startsWith('core.job.'))).toEqual([]);
  });

  it('has no topic for object types that emit no events', () => {
    expect(ALL_TOPIC_NAMES.filter((name) => /compliancetestresult|users\.token\./.test(name))).toEqual([]);
  });
});
