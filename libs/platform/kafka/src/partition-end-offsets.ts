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
  refreshMetadataIfNecessary(): Promise<void>;
  fetchTopicsOffset(
    topics: Array<{ topic: string; fromBeginning: boolean; partitions: Array<{ partition: number }> }>,
  ): Promise<Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>>;
}

type CreateCluster = (options: {
  allowAutoTopicCreation: boolean;
  metadataMaxAge: number;
  isolationLevel: number;
}) => KafkajsCluster;

/** kafkajs's `ISOLATION_LEVEL.READ_COMMITTED`, what its consumers read up to (the last stable offset). */
const READ_COMMITTED = 1;
const METADATA_MAX_AGE_MS = 300_000;

/**
 * Reads the end offsets of many partitions in one ListOffsets request per broker. kafkajs's admin asks
 * one topic at a time, with a second request for the start offsets: for the dispatcher's ~370 topics that
 * is ~740 requests where one does. kafkajs (2.2.4, unmaintained) batches them only in its internal
 * `Cluster`, which this builds through the client's private factory, as its admin does.
 */
export class PartitionEndOffsets {
  private readonly cluster: KafkajsCluster;
  private connected: Promise<void> | undefined;

  constructor(kafka: Kafka) {
    const factory = Object.getOwnPropertySymbols(kafka).find(
      (symbol) => symbol.description === 'private:Kafka:createCluster',
    );
    if (factory === undefined) throw new Error('kafkajs has no cluster factory: not the 2.2.4 this reads');
    const create = (kafka as unknown as Record<symbol, CreateCluster>)[factory].bind(kafka);
    this.cluster = create({
      allowAutoTopicCreation: false,
      metadataMaxAge: METADATA_MAX_AGE_MS,
      isolationLevel: READ_COMMITTED,
    });
  }

  /** The offset after the last committed record of each partition, in any order. */
  async read(partitions: ReadonlyMap<string, readonly number[]>): Promise<TopicPartitionOffset[]> {
    if (partitions.size === 0) return [];
    this.connected ??= this.cluster.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    await this.cluster.addMultipleTargetTopics([...partitions.keys()]);
    await this.cluster.refreshMetadataIfNecessary();
    const answers = await this.cluster.fetchTopicsOffset(
      [...partitions].map(([topic, ids]) => ({
        topic,
        fromBeginning: false,
        partitions: ids.map((partition) => ({ partition })),
      })),
    );
    return answers.flatMap(({ topic, partitions: ends }) =>
      ends.map(({ partition, offset }) => ({ topic, partition, offset })),
    );
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.cluster.disconnect();
  }
}
