import type { Kafka } from 'kafkajs';

export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  offset: string;
}

/** The part of kafkajs 2.2.4's internal `Cluster` used here (src/cluster/index.js). */
interface KafkajsCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  refreshMetadata(): Promise<void>;
  refreshMetadataIfNecessary(): Promise<void>;
  findTopicPartitionMetadata(topic: string): Array<{ partitionId: number }>;
  /** Per leader's node id, the partitions of `partitions` it leads. */
  findLeaderForPartitions(topic: string, partitions: readonly number[]): Record<string, number[]>;
  findBroker(node: { nodeId: string }): Promise<{
    listOffsets(request: {
      isolationLevel: number;
      topics: Array<{ topic: string; partitions: Array<{ partition: number; timestamp: number }> }>;
    }): Promise<{
      responses: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>;
    }>;
  }>;
}

type CreateCluster = (options: {
  allowAutoTopicCreation: boolean;
  metadataMaxAge: number;
  isolationLevel: number;
}) => KafkajsCluster;

/** kafkajs's `ISOLATION_LEVEL.READ_COMMITTED`, what its consumers read up to (the last stable offset). */
const READ_COMMITTED = 1;
/** ListOffsets' timestamp for "the end" (kafkajs's `LATEST_OFFSET`). */
const LATEST = -1;
/** How old the partition leaders (and a topic's partitions, for `readTopic`) may be; kafkajs's default. */
const METADATA_MAX_AGE_MS = 300_000;

/**
 * Reads the end offsets of many partitions in one ListOffsets request per broker. kafkajs's admin asks
 * one topic at a time, with a second request for the start offsets and, as its metadata never counts as
 * fresh, a Metadata request first: for the dispatcher's ~370 topics that is ~1,100 requests where one
 * does, and for one topic three round trips where one does. kafkajs (2.2.4, unmaintained) batches them
 * only in its internal `Cluster`, which this builds through the client's private factory, as its admin
 * does. Its metadata is refreshed when older than `metadataMaxAgeMs` and after any failed read (a moved
 * leader, a restarted broker), so a failure is not repeated for the metadata's lifetime.
 */
export class PartitionEndOffsets {
  private readonly cluster: KafkajsCluster;
  private connected: Promise<void> | undefined;
  private metadataStale = false;

  constructor(kafka: Kafka, { metadataMaxAgeMs = METADATA_MAX_AGE_MS } = {}) {
    const factory = Object.getOwnPropertySymbols(kafka).find(
      (symbol) => symbol.description === 'private:Kafka:createCluster',
    );
    if (factory === undefined) throw new Error('kafkajs has no cluster factory: not the 2.2.4 this reads');
    const create = (kafka as unknown as Record<symbol, CreateCluster>)[factory].bind(kafka);
    this.cluster = create({
      allowAutoTopicCreation: false,
      metadataMaxAge: metadataMaxAgeMs,
      isolationLevel: READ_COMMITTED,
    });
  }

  /** The offset after the last committed record of each partition, in any order. */
  async read(partitions: ReadonlyMap<string, readonly number[]>): Promise<TopicPartitionOffset[]> {
    if (partitions.size === 0) return [];
    return this.reading([...partitions.keys()], () => partitions);
  }

  /** The end of every partition of `topic` (its partitions as of the metadata, see the class). */
  readTopic(topic: string): Promise<TopicPartitionOffset[]> {
    return this.reading([topic], () => {
      const ids = this.cluster.findTopicPartitionMetadata(topic).map(({ partitionId }) => partitionId);
      return new Map([[topic, ids]]);
    });
  }

  private async reading(
    topics: string[],
    partitionsOf: () => ReadonlyMap<string, readonly number[]>,
  ): Promise<TopicPartitionOffset[]> {
    this.connected ??= this.cluster.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    try {
      await this.cluster.addMultipleTargetTopics(topics);
      if (this.metadataStale) await this.cluster.refreshMetadata();
      else await this.cluster.refreshMetadataIfNecessary();
      this.metadataStale = false;
      // One request per leader, built here: kafkajs's `fetchTopicsOffset` merges the answers with an
      // object spread per topic, quadratic in the topics (~70,000 copies a pass for the dispatcher's).
      const byLeader = new Map<
        string,
        Array<{ topic: string; partitions: Array<{ partition: number; timestamp: number }> }>
      >();
      for (const [topic, ids] of partitionsOf()) {
        for (const [nodeId, led] of Object.entries(this.cluster.findLeaderForPartitions(topic, ids))) {
          const topics = byLeader.get(nodeId) ?? [];
          topics.push({ topic, partitions: led.map((partition) => ({ partition, timestamp: LATEST })) });
          byLeader.set(nodeId, topics);
        }
      }
      const answers = await Promise.all(
        [...byLeader].map(async ([nodeId, topics]) => {
          const broker = await this.cluster.findBroker({ nodeId });
          const { responses } = await broker.listOffsets({ isolationLevel: READ_COMMITTED, topics });
          return responses;
        }),
      );
      return answers
        .flat()
        .flatMap(({ topic, partitions: ends }) =>
          ends.map(({ partition, offset }) => ({ topic, partition, offset })),
        );
    } catch (error) {
      this.metadataStale = true;
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.cluster.disconnect();
  }
}
