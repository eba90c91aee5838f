import {
  INTERNAL_TOPIC_HMAC_KEY_MIN_LENGTH,
  isSignedRecordKind,
  signInternalRecord,
  verifyInternalRecord,
  type InternalRecordCheck,
  type KafkaRecord,
  type OutgoingKafkaMessage,
  type SignedRecordKind,
} from '@validity/contracts';

/**
 * Holds `INTERNAL_TOPIC_HMAC_KEY`: signs the records a service publishes on the internal topics and checks
 * the ones it reads (see `internal-record-hmac.ts` in contracts for why). The key is kept in a private
 * field, so neither logging nor serializing this object shows it.
 */
export class InternalRecordAuthenticator {
  readonly #hmacKey: string;

  constructor(hmacKey: string | undefined) {
    if (hmacKey === undefined || hmacKey.length < INTERNAL_TOPIC_HMAC_KEY_MIN_LENGTH) {
      throw new Error(
        `INTERNAL_TOPIC_HMAC_KEY must be set to at least ${INTERNAL_TOPIC_HMAC_KEY_MIN_LENGTH} characters ` +
          '(the same value for every service; `npm start` generates one)',
      );
    }
    this.#hmacKey = hmacKey;
  }

  /** Signs a record bound for an internal topic; records for any other topic pass unchanged. */
  signForTopic(topic: string, message: OutgoingKafkaMessage): OutgoingKafkaMessage {
    return isSignedRecordKind(topic) ? signInternalRecord(this.#hmacKey, topic, message) : message;
  }

  sign(kind: SignedRecordKind, message: OutgoingKafkaMessage): OutgoingKafkaMessage {
    return signInternalRecord(this.#hmacKey, kind, message);
  }

  verify(kind: SignedRecordKind, record: KafkaRecord): InternalRecordCheck {
    return verifyInternalRecord(this.#hmacKey, kind, record);
  }
}
