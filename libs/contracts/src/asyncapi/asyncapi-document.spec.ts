import { ENVELOPE_HEADERS } from '../envelope-headers';
import { ENVELOPE_KEYS } from '../netbox-envelope';
import { DEAD_LETTER_TOPIC, TOPICS } from '../topics';
import {
  buildAsyncApiDocument,
  channelIdFor,
  DEFAULT_KAFKA_BOOTSTRAP_SERVER,
  renderAsyncApiDocument,
} from './asyncapi-document';
import type { AsyncApiChannel, AsyncApiDocument } from './asyncapi-types';

const DOCUMENT = buildAsyncApiDocument();
const CHANNELS = Object.entries(DOCUMENT.channels);
const PUBLIC_TOPICS = TOPICS.filter((topic) => topic.public);
const tagNames = (channel: { tags: { name: string }[] }) => channel.tags.map((tag) => tag.name);

function resolve(document: AsyncApiDocument, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], document);
}

function allRefs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(allRefs);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [value] : allRefs(value),
  );
}

describe('the AsyncAPI document', () => {
  it('has one public channel per public topic of TOPICS, addressed by its name', () => {
    const publicChannels = CHANNELS.filter(([, channel]) => tagNames(channel).includes('public'));
    expect(publicChannels.map(([, channel]) => channel.address)).toEqual(
      PUBLIC_TOPICS.map((topic) => topic.name),
    );
    expect(publicChannels.map(([id]) => id)).toEqual(PUBLIC_TOPICS.map((topic) => channelIdFor(topic.name)));
  });

  it('lets no internal topic leak as public: only the dead-letter topic appears, tagged internal', () => {
    const internalTopics = TOPICS.filter((topic) => !topic.public).map((topic) => topic.name);
    const internalChannels = CHANNELS.filter(([, channel]) => internalTopics.includes(channel.address));
    expect(internalChannels.map(([, channel]) => [channel.address, tagNames(channel)])).toEqual([
      [DEAD_LETTER_TOPIC, ['internal']],
    ]);
    const [[deadLetterId]] = internalChannels;
    expect(tagNames(DOCUMENT.operations[`receive-${deadLetterId}`])).toEqual(['internal']);
    expect(CHANNELS).toHaveLength(PUBLIC_TOPICS.length + 1);
  });

  it("takes each channel's partitions and cleanup policy from TOPICS", () => {
    for (const [, channel] of CHANNELS) {
      const topic = TOPICS.find((candidate) => candidate.name === channel.address)!;
      expect(channel.bindings.kafka).toEqual({
        partitions: topic.partitions,
        topicConfiguration: { 'cleanup.policy': [topic.cleanupPolicy] },
        bindingVersion: '0.5.0',
      });
    }
  });

  it('has one receive operation per channel, naming that channel and all its messages', () => {
    expect(Object.keys(DOCUMENT.operations)).toEqual(CHANNELS.map(([id]) => `receive-${id}`));
    for (const [id, channel] of CHANNELS) {
      const operation = DOCUMENT.operations[`receive-${id}`];
      expect(operation.action).toBe('receive');
      expect(resolve(DOCUMENT, operation.channel.$ref)).toBe(channel);
      expect(operation.messages.map((message) => message.$ref)).toEqual(
        Object.keys(channel.messages).map((key) => `#/channels/${id}/messages/${key}`),
      );
    }
  });

  it('resolves every $ref it contains', () => {
    const refs = allRefs(DOCUMENT);
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.filter((ref) => !ref.startsWith('#/') || resolve(DOCUMENT, ref) === undefined)).toEqual([]);
  });

  it('keeps ids to the characters AsyncAPI allows', () => {
    const ids = [...Object.keys(DOCUMENT.channels), ...Object.keys(DOCUMENT.operations)];
    expect(ids.filter((id) => !/^[A-Za-z0-9_-]+$/.test(id))).toEqual([]);
    const componentKeys = [
      ...Object.keys(DOCUMENT.components.schemas),
      ...Object.keys(DOCUMENT.components.messages),
    ];
    expect(componentKeys.filter((key) => !/^[\w.-]+$/.test(key))).toEqual([]);
  });

  const isHubChannel = (channel: AsyncApiChannel) =>
    channel.tags?.some((tag) => tag.name === 'netbox-hub') === true;

  const isOperationalChannel = (channel: AsyncApiChannel) =>
    channel.tags?.some((tag) => tag.name === 'operational') === true;

  it('describes the operational events of issue 18 in the envelope format, as public channels', () => {
    const operational = CHANNELS.filter(([, channel]) => isOperationalChannel(channel));
    expect(operational.map(([, channel]) => channel.address)).toEqual([
      'validity-events.webhook.disabled',
      'validity-events.delivery.exhausted',
      'validity-events.delivery.recovered',
    ]);
    for (const [, channel] of operational) {
      const message = messageOf(channel, 'envelope');
      expect(Object.keys(message.payload.properties!)).toEqual([...ENVELOPE_KEYS]);
      expect(channel.tags).toContainEqual(expect.objectContaining({ name: 'public' }));
    }
  });

  it('describes every public record: the envelope keys in order, every envelope header, the id as key', () => {
    const own = CHANNELS.filter(
      ([, candidate]) =>
        candidate.address !== DEAD_LETTER_TOPIC &&
        !isHubChannel(candidate) &&
        !isOperationalChannel(candidate),
    );
    for (const [, channel] of own) {
      const message = messageOf(channel, 'envelope');
      expect(Object.keys(message.payload.properties!)).toEqual([...ENVELOPE_KEYS]);
      expect(Object.keys(message.headers.properties!)).toEqual([
        ...Object.values(ENVELOPE_HEADERS),
        'source',
        'source-url',
      ]);
      expect(message.headers.required).toEqual(
        Object.values(ENVELOPE_HEADERS).filter((name) => name !== 'traceparent'),
      );
      expect(message.bindings.kafka.key.pattern).toBe('^[1-9][0-9]*$');
    }
  });

  it('describes the NetBox hub topics: NetBox bodies of every version, with the source header', () => {
    const hub = CHANNELS.filter(([, channel]) => isHubChannel(channel));
    expect(hub.map(([, channel]) => channel.address)).toEqual(
      expect.arrayContaining([
        'dcim.device.created',
        'core.datasource.job_started',
        'core.datasource.job_ended',
      ]),
    );
    for (const [, channel] of hub) {
      const message = messageOf(channel, 'envelope');
      const jobEvent = /\.job_(started|ended)$/.test(channel.address);
      // NetBox sends no snapshots with a job event.
      expect(message.payload.required).toEqual([
        'event',
        'timestamp',
        'username',
        'request_id',
        'data',
        ...(jobEvent ? [] : ['snapshots']),
      ]);
      expect(message.headers.required).toContain('source');
    }
  });

  it('points consumers at the default local broker', () => {
    expect(DOCUMENT.servers).toEqual({
      kafka: expect.objectContaining({ host: DEFAULT_KAFKA_BOOTSTRAP_SERVER, protocol: 'kafka' }),
    });
    expect(DEFAULT_KAFKA_BOOTSTRAP_SERVER).toBe('127.0.0.1:9092');
  });

  it('is the same every time it is built, rendered as two-space JSON with a final newline', () => {
    expect(renderAsyncApiDocument()).toBe(renderAsyncApiDocument(buildAsyncApiDocument()));
    expect(renderAsyncApiDocument()).toBe(`${JSON.stringify(DOCUMENT, null, 2)}\n`);
  });
});

function messageOf(channel: AsyncApiChannel, key: string) {
  return DOCUMENT.components.messages[channel.messages[key].$ref.split('/').pop()!];
}
