import { Initial1764460800000 } from './1764460800000-initial';
import { DeliveryLifecycle1764979200000 } from './1764979200000-delivery-lifecycle';
import { AttemptRequest1796229119070 } from './1796229119070-attempt-request';
import { SigningKeys1796229496326 } from './1796229496326-signing-keys';
import { PerObjectOrder1796230166091 } from './1796230166091-per-object-order';
import { RateBuckets1796230327409 } from './1796230327409-rate-buckets';
import { WebhookFailureStreaks1796230477441 } from './1796230477441-webhook-failure-streaks';
import { ObjectOrderIndex1796288683497 } from './1796288683497-object-order-index';
import { AttemptBodyFromEvent1796301600000 } from './1796301600000-attempt-body-from-event';
import { NoForeignKeys1796320800000 } from './1796320800000-no-foreign-keys';
import { KeepEmptyPagesOnVacuum1796356800000 } from './1796356800000-keep-empty-pages-on-vacuum';
import { BatchedWaitingDeliveries1796400000000 } from './1796400000000-batched-waiting-deliveries';

/** In order of application; a new migration is appended here. */
export const MIGRATIONS = [
  Initial1764460800000,
  DeliveryLifecycle1764979200000,
  AttemptRequest1796229119070,
  SigningKeys1796229496326,
  PerObjectOrder1796230166091,
  RateBuckets1796230327409,
  WebhookFailureStreaks1796230477441,
  ObjectOrderIndex1796288683497,
  AttemptBodyFromEvent1796301600000,
  NoForeignKeys1796320800000,
  KeepEmptyPagesOnVacuum1796356800000,
  BatchedWaitingDeliveries1796400000000,
];
