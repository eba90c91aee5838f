/**
 * kafkajs 2.2.4's consumer does bookkeeping on every fetch over every partition assigned to it, paused or
 * not: it checks every subscribed topic's partitions against the metadata, looks up which broker leads
 * each assigned partition (an object spread per partition), pops seeks and checks the committed offset of
 * each, lists the active ones again, and makes sure the metadata knows each target topic (a linear search
 * per topic: quadratic). The dispatcher is subscribed to ~370 topics (~394 partitions) and pauses the
 * ones no webhook can match, so at a low event rate, where a fetch carries an event or two, this was a
 * third of its CPU (docs/performance.md, "Round eleven"). kafkajs is unmaintained, so its consumer is
 * mended here, as its request queue is (`request-queue-idle-fix.ts`):
 *
 * - `fetch` works on the partitions not paused (kept per change of the assignment or of a pause) and
 *   finds the committed offsets of those only; a seek on a paused partition waits for its resume (the
 *   position it sets matters only to a fetch of it);
 * - the stale-assignment check runs once per metadata and assignment, as its answer depends on nothing
 *   else;
 * - "does the metadata know these topics?" is a set lookup.
 *
 * What a fetch asks the broker and what it hands on is what kafkajs's own `fetch` does with the paused
 * partitions left out; the rest of this file is that function, otherwise as kafkajs 2.2.4 has it.
 */

interface TopicPartitions {
  topic: string;
  partitions: number[];
}

interface SubscriptionState {
  active(): TopicPartitions[];
  isPaused(topic: string, partition: number): boolean;
}

interface Metadata {
  topicMetadata: Array<{ topic: string }>;
}

interface BrokerPool {
  metadata: Metadata | null;
  metadataExpireAt: number | null;
  refreshMetadata(topics: string[]): Promise<void>;
  refreshMetadataIfNecessary(topics: string[]): Promise<void>;
}

type Offsets = Record<string, Record<number, string | undefined>>;

interface OffsetManager {
  groupId: string;
  memberAssignment: Record<string, number[] | undefined>;
  topicConfigurations: Record<string, object | undefined>;
  cluster: { fetchTopicsOffset(topics: unknown[]): Promise<Array<{ topic: string; partitions: unknown[] }>> };
  committedOffsets(): Offsets;
  nextOffset(topic: string, partition: number): { toString(): string };
  seek(entry: { topic: string; partition: number; offset: string }): Promise<void>;
  getCoordinator(): Promise<{
    offsetFetch(request: { groupId: string; topics: TopicPartitionList[] }): Promise<{
      responses: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>;
    }>;
  }>;
}

interface TopicPartitionList {
  topic: string;
  partitions: Array<{ partition: number }>;
}

interface FetchResponse {
  topicName: string;
  partitions: Array<{ partition: number; preferredReadReplica?: number | null }>;
}

interface ConsumerGroup {
  cluster: {
    brokerPool: BrokerPool;
    refreshMetadataIfNecessary(): Promise<void>;
    findBroker(node: {
      nodeId: string;
    }): Promise<{ fetch(request: object): Promise<{ responses: FetchResponse[] }> }>;
  };
  subscriptionState: SubscriptionState;
  offsetManager: OffsetManager;
  seekOffset: {
    has(topic: string, partition: number): boolean;
    pop(topic: string, partition: number): { topic: string; partition: number; offset: string } | undefined;
  };
  partitionsPerSubscribedTopic: Map<string, number[]> | null;
  preferredReadReplicasPerTopicPartition: Record<
    string,
    Record<number, { nodeId: number; expireAt: number } | undefined> | undefined
  >;
  logger: { debug(message: string, extra?: object): void; info(message: string, extra?: object): void };
  groupId: string;
  memberId: string;
  maxWaitTime: number;
  minBytes: number;
  maxBytes: number;
  maxBytesPerPartition: number;
  isolationLevel: number;
  rackId: string;
  metadataMaxAge: number;
  checkForStaleAssignment(): void;
  filterPartitionsByNode(nodeId: string, topicPartitions: TopicPartitions[]): TopicPartitions[];
  recoverFromFetch(error: unknown): Promise<void>;
  fetch(nodeId: string): Promise<unknown[]>;
}

type Constructor<T> = { prototype: T };

const MENDED_VERSION = '2.2.4';

let mended = false;

/** Applies the mend once per process; refuses any kafkajs but the one whose `fetch` it copies. */
export function mendFetchOfActivePartitions(): void {
  if (mended) return;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { version } = require('kafkajs/package.json') as { version: string };
  if (version !== MENDED_VERSION)
    throw new Error(`kafkajs ${version}: active-partitions-fetch.ts mends ${MENDED_VERSION}'s consumer only`);
  const group = require('kafkajs/src/consumer/consumerGroup') as Constructor<ConsumerGroup>;
  const state = require('kafkajs/src/consumer/subscriptionState') as Constructor<
    SubscriptionState & Record<string, (...args: unknown[]) => unknown>
  >;
  const pool = require('kafkajs/src/cluster/brokerPool') as Constructor<BrokerPool>;
  const Batch = require('kafkajs/src/consumer/batch') as new (
    topic: string,
    offset: string,
    data: object,
  ) => unknown;
  const sleep = require('kafkajs/src/utils/sleep') as (ms: number) => Promise<void>;
  const isInvalidOffset = require('kafkajs/src/consumer/offsetManager/isInvalidOffset') as (
    offset: string | undefined,
  ) => boolean;
  const initializeConsumerOffsets =
    require('kafkajs/src/consumer/offsetManager/initializeConsumerOffsets') as (
      consumerOffsets: unknown[],
      topicOffsets: unknown[],
    ) => Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>;
  /* eslint-enable @typescript-eslint/no-require-imports */
  mended = true;

  const versions = new WeakMap<object, number>();
  for (const name of ['assign', 'pause', 'resume']) {
    const original = state.prototype[name];
    state.prototype[name] = function changed(this: SubscriptionState, ...args: unknown[]) {
      versions.set(this, (versions.get(this) ?? 0) + 1);
      return original.apply(this, args);
    };
  }
  const activeCache = new WeakMap<object, { version: number; active: TopicPartitions[] }>();
  /** The partitions not paused, worked out again only after an assignment, a pause or a resume. */
  const activePartitions = (subscription: SubscriptionState): TopicPartitions[] => {
    const version = versions.get(subscription) ?? 0;
    const cached = activeCache.get(subscription);
    if (cached?.version === version) return cached.active;
    const active = subscription.active().filter(({ partitions }) => partitions.length > 0);
    activeCache.set(subscription, { version, active });
    return active;
  };

  const checkForStaleAssignment = group.prototype.checkForStaleAssignment;
  const checked = new WeakMap<
    object,
    { metadata: Metadata | null; assignment: Map<string, number[]> | null }
  >();
  group.prototype.checkForStaleAssignment = function checkOncePerMetadata(this: ConsumerGroup) {
    const metadata = this.cluster.brokerPool.metadata;
    const last = checked.get(this);
    if (last && last.metadata === metadata && last.assignment === this.partitionsPerSubscribedTopic) return;
    checkForStaleAssignment.call(this);
    checked.set(this, { metadata, assignment: this.partitionsPerSubscribedTopic });
  };

  /** Per metadata, its topic names. */
  const knownTopics = new WeakMap<Metadata, Set<string>>();
  pool.prototype.refreshMetadataIfNecessary = async function refreshIfNecessary(
    this: BrokerPool,
    topics: string[],
  ) {
    const { metadata } = this;
    if (metadata == null) return this.refreshMetadata(topics);
    let known = knownTopics.get(metadata);
    if (!known) {
      known = new Set(metadata.topicMetadata.map(({ topic }) => topic));
      knownTopics.set(metadata, known);
    }
    const names = known;
    const shouldRefresh =
      this.metadataExpireAt == null ||
      Date.now() > this.metadataExpireAt ||
      !topics.every((topic) => names.has(topic));
    if (shouldRefresh) return this.refreshMetadata(topics);
  };

  /** kafkajs's `OffsetManager.resolveOffsets`, for the given partitions rather than all assigned ones. */
  const resolveOffsets = async (offsets: OffsetManager, topicPartitions: TopicPartitions[]) => {
    const committed = offsets.committedOffsets();
    const pendingPartitions = topicPartitions
      .map(({ topic, partitions }) => ({
        topic,
        partitions: partitions
          .filter(
            (partition) =>
              offsets.memberAssignment[topic]?.includes(partition) &&
              isInvalidOffset(committed[topic]?.[partition]),
          )
          .map((partition) => ({ partition })),
      }))
      .filter(({ partitions }) => partitions.length > 0);
    if (pendingPartitions.length === 0) return;

    const coordinator = await offsets.getCoordinator();
    const { responses: consumerOffsets } = await coordinator.offsetFetch({
      groupId: offsets.groupId,
      topics: pendingPartitions,
    });
    const unresolvedPartitions = consumerOffsets.map(({ topic, partitions }) => ({
      topic,
      partitions: partitions
        .filter(({ offset }) => isInvalidOffset(offset))
        .map(({ partition }) => ({ partition })),
      ...offsets.topicConfigurations[topic],
    }));
    let resolved: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }> =
      consumerOffsets;
    if (unresolvedPartitions.some(({ partitions }) => partitions.length > 0)) {
      const topicOffsets = await offsets.cluster.fetchTopicsOffset(unresolvedPartitions);
      resolved = initializeConsumerOffsets(consumerOffsets, topicOffsets);
    }
    const current = offsets.committedOffsets();
    for (const { topic, partitions } of resolved) {
      const byPartition = { ...current[topic] };
      for (const { partition, offset } of partitions) byPartition[partition] = offset;
      current[topic] = byPartition;
    }
  };

  group.prototype.fetch = async function fetchActivePartitions(this: ConsumerGroup, nodeId: string) {
    try {
      await this.cluster.refreshMetadataIfNecessary();
      this.checkForStaleAssignment();

      const topicPartitions = this.filterPartitionsByNode(nodeId, activePartitions(this.subscriptionState));

      for (const { topic, partitions } of topicPartitions) {
        for (const partition of partitions) {
          const seekEntry = this.seekOffset.pop(topic, partition);
          if (!seekEntry) continue;
          this.logger.debug('Seek offset', {
            groupId: this.groupId,
            memberId: this.memberId,
            seek: seekEntry,
          });
          await this.offsetManager.seek(seekEntry);
        }
      }
      await resolveOffsets(this.offsetManager, topicPartitions);

      const committedOffsets = this.offsetManager.committedOffsets();
      const requests = topicPartitions
        .map(({ topic, partitions }) => ({
          topic,
          partitions: partitions
            .filter(
              // Only partitions with a known offset (kafkajs #578), and not paused while the offsets
              // were found.
              (partition) =>
                committedOffsets[topic]?.[partition] != null &&
                !this.subscriptionState.isPaused(topic, partition),
            )
            .map((partition) => ({
              partition,
              fetchOffset: this.offsetManager.nextOffset(topic, partition).toString(),
              maxBytes: this.maxBytesPerPartition,
            })),
        }))
        .filter(({ partitions }) => partitions.length);

      if (!requests.length) {
        await sleep(this.maxWaitTime);
        return [];
      }

      const broker = await this.cluster.findBroker({ nodeId });
      const { responses } = await broker.fetch({
        maxWaitTime: this.maxWaitTime,
        minBytes: this.minBytes,
        maxBytes: this.maxBytes,
        isolationLevel: this.isolationLevel,
        topics: requests,
        rackId: this.rackId,
      });

      return responses.flatMap(({ topicName, partitions }) => {
        const topicRequestData = requests.find(({ topic }) => topic === topicName)!;
        let preferredReadReplicas = this.preferredReadReplicasPerTopicPartition[topicName];
        if (!preferredReadReplicas) {
          this.preferredReadReplicasPerTopicPartition[topicName] = preferredReadReplicas = {};
        }
        return partitions
          .filter(
            ({ partition }) =>
              !this.seekOffset.has(topicName, partition) &&
              !this.subscriptionState.isPaused(topicName, partition),
          )
          .map((partitionData) => {
            const { partition, preferredReadReplica } = partitionData;
            if (preferredReadReplica != null && preferredReadReplica !== -1) {
              const { nodeId: currentPreferredReadReplica } = preferredReadReplicas[partition] ?? {};
              if (currentPreferredReadReplica !== preferredReadReplica) {
                this.logger.info(`Preferred read replica is now ${preferredReadReplica}`, {
                  groupId: this.groupId,
                  memberId: this.memberId,
                  topic: topicName,
                  partition,
                });
              }
              preferredReadReplicas[partition] = {
                nodeId: preferredReadReplica,
                expireAt: Date.now() + this.metadataMaxAge,
              };
            }
            const { fetchOffset } = topicRequestData.partitions.find(
              (requested) => requested.partition === partition,
            )!;
            return new Batch(topicName, fetchOffset, partitionData);
          });
      });
    } catch (error) {
      await this.recoverFromFetch(error);
      return [];
    }
  };
}
