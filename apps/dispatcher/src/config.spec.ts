import { InvalidConfigError } from '@validity/platform/config';
import { loadDispatcherConfig } from './config';

const DATABASE_URL = 'postgres://u:p@127.0.0.1:5432/db';

describe('loadDispatcherConfig', () => {
  it('defaults to the Svix schedule, every public event topic and the guard off', () => {
    const config = loadDispatcherConfig({ DATABASE_URL });
    expect(config.delivery).toEqual({
      retryScheduleSeconds: [5, 300, 1800, 7200, 18000, 36000, 36000],
      blockPrivateAddresses: false,
      allowNetworks: [],
      concurrency: 200,
      concurrencyPerWebhook: 10,
      logRetentionDays: 30,
      netboxApiVersion: '3.6',
      autoDisableAfterSeconds: 432_000,
    });
    expect(config.topics.events).toContain('validity.compliancereport.created');
    // Issue 18: operational events are delivered too; disable commands go to the registry's topic.
    expect(config.topics.events).toContain('validity-events.delivery.exhausted');
    expect(config.topics.webhookCommands).toBe('webhook-registry.commands');
    expect(loadDispatcherConfig({ DATABASE_URL, NETBOX_API_VERSION: '4.6' }).delivery.netboxApiVersion).toBe(
      '4.6',
    );
    expect(() => loadDispatcherConfig({ DATABASE_URL, NETBOX_API_VERSION: '4.0' })).toThrow(
      InvalidConfigError,
    );
    expect(config.topics.events).not.toContain('webhook-registry.webhooks');
    expect(config.topics.webhookDefinitions).toBe('webhook-registry.webhooks');
    expect([config.database.schema, config.consumerGroup]).toEqual(['dispatcher', 'dispatcher']);
  });

  it('reads a compressed schedule, the guard, and isolation keys', () => {
    const config = loadDispatcherConfig({
      DATABASE_URL,
      DELIVERY_RETRY_SCHEDULE: '1,2,3',
      DELIVERY_BLOCK_PRIVATE: 'true',
      DELIVERY_ALLOW_NETWORKS: '10.20.0.0/16, 192.168.1.7',
      DISPATCHER_SCHEMA: 'dispatcher_test',
      DISPATCHER_CONSUMER_GROUP: 'group-1',
      DISPATCHER_EVENT_TOPICS: 'a.b.created,c.d.deleted',
    });
    expect(config.delivery.retryScheduleSeconds).toEqual([1, 2, 3]);
    expect(config.delivery.blockPrivateAddresses).toBe(true);
    expect(config.delivery.allowNetworks).toEqual(['10.20.0.0/16', '192.168.1.7']);
    expect(config.database.schema).toBe('dispatcher_test');
    expect(config.consumerGroup).toBe('group-1');
    expect(config.topics.events).toEqual(['a.b.created', 'c.d.deleted']);
    expect(
      loadDispatcherConfig({ DATABASE_URL, DELIVERY_RETRY_SCHEDULE: '' }).delivery.retryScheduleSeconds,
    ).toEqual([]);
    expect(
      loadDispatcherConfig({ DATABASE_URL, DELIVERY_BLOCK_PRIVATE: 'false' }).delivery.blockPrivateAddresses,
    ).toBe(false);
  });

  it.each([
    ['DELIVERY_RETRY_SCHEDULE', '5s,10s'],
    ['DELIVERY_ALLOW_NETWORKS', '10.0.0.0/8,internal.example'],
    ['DELIVERY_BLOCK_PRIVATE', 'yes'],
    ['DISPATCHER_SCHEMA', 'Bad-Schema'],
  ])('refuses %s=%s', (key, value) => {
    expect(() => loadDispatcherConfig({ DATABASE_URL, [key]: value })).toThrow(InvalidConfigError);
  });
});
