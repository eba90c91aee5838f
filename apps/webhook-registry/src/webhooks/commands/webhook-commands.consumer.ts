import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import {
  decodeWebhookCommand,
  WEBHOOK_COMMANDS_TOPIC,
  type DisableWebhookCommand,
} from '@validity/contracts';
import {
  ConsumerRunner,
  EventProducer,
  type InternalRecordAuthenticator,
  type RecordDecoder,
} from '@validity/platform/kafka';
import type { DisableWebhook } from '../use-cases/disable-webhook';

export interface WebhookCommandsConsumerOptions {
  kafka: Kafka;
  topic: string;
  groupId: string;
  deadLetterTopic?: string;
  /** Commands change webhooks: only records with the services' HMAC are applied. */
  authenticator: InternalRecordAuthenticator;
  disable: DisableWebhook;
}

/**
 * Consumes `webhook-registry.commands`: each authenticated command is applied (and durable, on the
 * event store) before its offset is committed, so a crash re-applies it, which changes nothing twice.
 * Forged or malformed records are dead-lettered and ignored.
 */
export class WebhookCommandsConsumer {
  private readonly logger = new Logger('WebhookCommands');
  private runner: ConsumerRunner<DisableWebhookCommand> | undefined;
  private producer: EventProducer | undefined;

  constructor(private readonly options: WebhookCommandsConsumerOptions) {}

  async start(): Promise<void> {
    const { kafka, topic, groupId, deadLetterTopic, authenticator, disable } = this.options;
    const decode: RecordDecoder<DisableWebhookCommand> = (record) => {
      const check = authenticator.verify(WEBHOOK_COMMANDS_TOPIC, record);
      if (!check.ok) return { ok: false, reason: check.reason, message: check.message };
      return decodeWebhookCommand(record.value);
    };
    this.producer = await EventProducer.connect(kafka);
    this.runner = await ConsumerRunner.start({
      kafka,
      groupId,
      topics: [topic],
      decode,
      deadLetter: this.producer,
      deadLetterTopic,
      handle: async (command) => {
        if (await disable.execute(command)) {
          this.logger.warn(`disabled webhook ${command.webhook_id}: ${command.reason}`);
        }
      },
    });
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
    await this.producer?.disconnect();
  }
}
