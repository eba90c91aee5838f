import { Logger } from '@nestjs/common';
import type { WebhookDefinition } from '@validity/contracts';
import type { DeliverySettings } from '../../config';
import type { DispatcherMetrics } from '../../metrics/dispatcher-metrics';
import { reportDeliveryOutcome } from '../../metrics/delivery-outcome-report';
import { netbox46Body } from '../../rendering/netbox-46-body';
import { renderRequest, type RenderedRequest } from '../../rendering/render-request';
import { maxAttempts, retryDelayMs } from '../../scheduling/domain/retry-schedule';
import type { AttemptResult } from '../../scheduling/delivery-lanes';
import { loggedHeaderValue, withLoggedBody, type LoggedRequest } from '../../sending/logged-request';
import type { SendOutcome, WebhookSender } from '../../sending/webhook-sender';
import { USER_AGENT } from '../../sending/user-agent';
import { previousSecretAt } from '../../signing/domain/previous-secret-at';
import { signRequest } from '../../signing/domain/sign-request';
import type { SigningKeys, WebhookSigningKey } from '../../signing/domain/signing-keys';
import { signV1a, withV1aSignature } from '../../signing/domain/sign-v1a';
import { attemptVerdict } from '../../auto-disable/domain/disable-verdict';
import type { WebhookFailureWatch } from '../../auto-disable/webhook-failure-watch';
import type { WebhookView } from '../../webhook-view/webhook-view';
import type { ClaimedDelivery, FailureReason } from '../delivery';
import type { AttemptRecord } from '../store/delivery-store';
import { timeoutSecondsOf } from './attempt-lease';
import type { AttemptRecorder } from './attempt-recorder';
import type { UnstoredClaims } from './unstored-claims';
import { monotonicNow } from '../../scheduling/monotonic-clock';

/**
 * What every attempt of one rendered request starts from: its headers, the defaults added when the
 * webhook does not set them, and the names the delivery log may show in clear. Built once per rendered
 * request (a webhook whose templates do not use the event renders once per definition), not per attempt.
 */
interface HeaderPlan {
  /** Lower-case name to [name as sent, value], in NetBox's order. */
  headers: ReadonlyMap<string, [string, string]>;
  /** `User-Agent` and `Accept-Encoding` when the webhook's headers name neither, added after ours. */
  defaults: ReadonlyArray<[string, [string, string]]>;
  clearNames: ReadonlySet<string>;
  /** The order of every header sent, by the names of the attempt's own headers (see `layoutOf`). */
  layouts: Map<string, readonly HeaderSlot[]>;
}

/**
 * One header of an attempt, in sending order: a value the plan fixes (`value`, and `loggedValue` as the
 * log shows it), or the attempt's own header named `from` (identity and signatures).
 */
interface HeaderSlot {
  name: string;
  value: string;
  loggedValue: string;
  from: string | undefined;
  clear: boolean;
}

const headerPlans = new WeakMap<Readonly<Record<string, string>>, HeaderPlan>();

function headerPlanOf(definition: WebhookDefinition, rendered: Readonly<Record<string, string>>): HeaderPlan {
  let plan = headerPlans.get(rendered);
  if (plan) return plan;
  const headers = new Map<string, [string, string]>();
  for (const name in rendered) headers.set(name.toLowerCase(), [name, rendered[name]]);
  // The delivery log shows in clear only values that cannot be secret: the identity headers, and
  // those the dispatcher sets itself (not the same names given in additional_headers).
  const clearNames = new Set(['webhook-id', 'webhook-timestamp']);
  if (headers.get('content-type')?.[1] === definition.http_content_type) clearNames.add('content-type');
  const defaults: Array<[string, [string, string]]> = [];
  if (!headers.has('user-agent')) {
    defaults.push(['user-agent', ['User-Agent', USER_AGENT]]);
    clearNames.add('user-agent');
  }
  // NetBox 3.6 sends a bare prepared request (no session headers), so Python's http.client adds
  // `Accept-Encoding: identity` unless the webhook's headers name an encoding.
  if (!headers.has('accept-encoding')) {
    defaults.push(['accept-encoding', ['Accept-Encoding', 'identity']]);
    clearNames.add('accept-encoding');
  }
  plan = { headers, defaults, clearNames, layouts: new Map() };
  headerPlans.set(rendered, plan);
  return plan;
}

/**
 * The headers in sending order for an attempt whose own headers have these names (which ones depends
 * only on whether the webhook has a secret and signs `v1a`): the rendered headers, ours replacing
 * same-named ones in place (as NetBox's X-Hook-Signature does) or added after them, then the defaults.
 * Worked out once per plan and set of names, so an attempt only fills in its values.
 */
function layoutOf(plan: HeaderPlan, own: Readonly<Record<string, string>>): readonly HeaderSlot[] {
  let names = '';
  for (const name in own) names += `${name}\n`;
  let layout = plan.layouts.get(names);
  if (layout) return layout;
  const slots = new Map<string, HeaderSlot>();
  const fixed = (name: string, value: string): HeaderSlot => {
    const clear = plan.clearNames.has(name.toLowerCase());
    return { name, value, loggedValue: loggedHeaderValue(value, clear), from: undefined, clear };
  };
  for (const [key, [name, value]] of plan.headers) slots.set(key, fixed(name, value));
  for (const name in own) {
    const clear = plan.clearNames.has(name.toLowerCase());
    slots.set(name.toLowerCase(), { name, value: '', loggedValue: '', from: name, clear });
  }
  for (const [key, [name, value]] of plan.defaults) slots.set(key, fixed(name, value));
  layout = [...slots.values()];
  plan.layouts.set(names, layout);
  return layout;
}

/** Statuses that ask the sender to slow down: the whole webhook pauses, not just this delivery. */
const THROTTLING_STATUSES = new Set([429, 503]);

/**
 * One attempt of one delivery: render, sign, send, then decide what becomes of the delivery (delivered,
 * retried on the schedule, or failed) and record it. Returns what the webhook's lane should learn, or
 * `null` when nothing was sent.
 */
export class DeliveryAttempts {
  private readonly logger = new Logger('Delivery');

  constructor(
    private readonly view: WebhookView,
    private readonly sender: WebhookSender,
    /** Hands a claim back unattempted (with or without a row). */
    private readonly claims: Pick<UnstoredClaims, 'release'>,
    private readonly recorder: AttemptRecorder,
    private readonly settings: DeliverySettings,
    private readonly metrics: DispatcherMetrics,
    private readonly random: () => number = Math.random,
    /** Ed25519 keys of webhooks with `asymmetric_signature`; absent: such webhooks are not signed `v1a`. */
    private readonly signingKeys?: SigningKeys,
    /** Issue 18: learns every attempt's outcome, to disable webhooks that are gone or failing too long. */
    private readonly failureWatch?: Pick<WebhookFailureWatch, 'note'>,
  ) {
    // A deleted webhook's metric series go with it, as its lane and queue do in the engine; an attempt
    // still in flight at that moment takes them again when it ends (see `finish`).
    view.onChange((webhookId) => {
      if (!view.get(webhookId)) metrics.forgetWebhook(webhookId);
    });
  }

  /**
   * Chained with `then` rather than `async` layers: every promise is paid for again by async hooks
   * (the request log context's AsyncLocalStorage enables them), and an attempt needs only three.
   */
  run(claimed: ClaimedDelivery): Promise<AttemptResult | null> {
    const started = new Date();
    let attempt: Promise<AttemptResult | null>;
    try {
      attempt = this.attempt(claimed, started);
    } catch (error) {
      attempt = Promise.reject(error);
    }
    return attempt.catch((error: unknown) => {
      // A bug must not turn into a delivery retried forever on lease expiry: it counts as a failed
      // attempt, so the schedule bounds it and the log shows it.
      const failure = `internal error: ${error instanceof Error ? error.message : String(error)}`;
      const durationMs = Date.now() - started.getTime();
      return this.conclude(
        claimed,
        started,
        { kind: 'error', error: failure, permanent: false, durationMs },
        null,
      );
    });
  }

  private attempt(claimed: ClaimedDelivery, started: Date): Promise<AttemptResult | null> {
    const definition = this.view.get(claimed.webhookId)?.definition;
    if (!definition) {
      this.fail(claimed, started, 'webhook-deleted', 'the webhook was deleted');
      return Promise.resolve(null);
    }
    // A webhook disabled since the claim: the claim goes back unattempted, and the lifecycle cancels it.
    if (!definition.enabled) return this.claims.release([claimed]).then(() => null);
    // NETBOX_API_VERSION=4.6: every delivery is an event rule's, with NetBox 4.6's body.
    const body =
      this.settings.netboxApiVersion === '4.6'
        ? netbox46Body(claimed.event.body, claimed.event.objectType, definition.action_data)
        : claimed.event.body;
    const rendered = renderRequest(definition, body);
    if (!rendered.ok) {
      this.fail(claimed, started, 'render-error', rendered.error);
      return Promise.resolve(null);
    }
    if (definition.asymmetric_signature && this.signingKeys)
      return this.signingKeys
        .keyFor(definition.id)
        .then((signingKey) => this.send(definition, rendered.request, claimed, started, signingKey));
    return this.send(definition, rendered.request, claimed, started);
  }

  private send(
    definition: WebhookDefinition,
    rendered: RenderedRequest,
    claimed: ClaimedDelivery,
    started: Date,
    signingKey?: WebhookSigningKey,
  ): Promise<AttemptResult> {
    const { request, logged } = this.outgoing(definition, rendered, claimed, started, signingKey);
    return this.sender.send(request).then((outcome) => this.conclude(claimed, started, outcome, logged));
  }

  private outgoing(
    definition: WebhookDefinition,
    request: RenderedRequest,
    claimed: ClaimedDelivery,
    at: Date,
    signingKey?: WebhookSigningKey,
  ) {
    const plan = headerPlanOf(definition, request.headers);
    const own = signRequest({
      secret: definition.secret,
      previousSecret: previousSecretAt(definition, at),
      body: request.body,
      messageId: claimed.messageId,
      attemptedAt: at,
    });
    if (signingKey) {
      const v1a = signV1a(signingKey.privateKey, claimed.messageId, own['webhook-timestamp'], request.body);
      own['webhook-signature'] = withV1aSignature(own['webhook-signature'], v1a);
    }
    const sentHeaders: Record<string, string> = {};
    const loggedHeaders: Record<string, string> = {};
    for (const slot of layoutOf(plan, own)) {
      if (slot.from === undefined) {
        sentHeaders[slot.name] = slot.value;
        loggedHeaders[slot.name] = slot.loggedValue;
      } else {
        const value = own[slot.from];
        sentHeaders[slot.name] = value;
        loggedHeaders[slot.name] = loggedHeaderValue(value, slot.clear);
      }
    }
    return {
      request: {
        method: request.method,
        url: request.url,
        headers: sentHeaders,
        body: request.body,
        timeoutMs: timeoutSecondsOf(definition) * 1000,
        verifyTls: definition.ssl_verification,
        caFilePath: definition.ca_file_path,
        clientCertPath: definition.client_cert_path || null,
        clientKeyPath: definition.client_key_path || null,
      },
      logged: withLoggedBody(loggedHeaders, request.body, claimed.event.body),
    };
  }

  /** `logged` is what was sent, as the log may show it; null when it is not known. */
  private conclude(
    claimed: ClaimedDelivery,
    started: Date,
    outcome: SendOutcome,
    logged: LoggedRequest | null,
  ): AttemptResult {
    // Each ending builds the whole record in one literal: spreading a shared part into it cost
    // several µs per attempt (V8's slow path for a spread followed by more properties).
    const record = (
      status: AttemptRecord['status'],
      retryInSeconds: number | null,
      lastError: string | null,
      failureReason: FailureReason | null,
    ): AttemptRecord => ({
      deliveryId: claimed.id,
      webhookId: claimed.webhookId,
      attemptNumber: claimed.attemptNumber,
      started,
      durationMs: outcome.durationMs,
      statusCode: outcome.kind === 'response' ? outcome.statusCode : null,
      responseBody: outcome.kind === 'response' ? outcome.body : null,
      error: outcome.kind === 'error' ? outcome.error : null,
      requestHeaders: logged?.headers ?? null,
      requestBody: logged?.body ?? null,
      requestBodyIsEvent: logged?.bodyIsEvent ?? false,
      status,
      retryInSeconds,
      lastError,
      failureReason,
      unstored: claimed.unstored,
    });
    this.metrics.attemptDuration.observe(
      { webhook_id: String(claimed.webhookId) },
      outcome.durationMs / 1000,
    );
    const verdict = attemptVerdict(outcome.kind === 'response' ? outcome.statusCode : null);
    this.failureWatch?.note(claimed.webhookId, verdict);

    if (outcome.kind === 'response' && outcome.statusCode >= 200 && outcome.statusCode < 300) {
      this.finish(claimed, record('delivered', null, null, null));
      const lag = (Date.now() - Date.parse(claimed.event.timestamp)) / 1000;
      if (Number.isFinite(lag)) this.metrics.deliveryLag.observe(Math.max(0, lag));
      return { kind: 'success' };
    }

    const lastError = outcome.kind === 'response' ? `HTTP ${outcome.statusCode}` : outcome.error;
    if (verdict === 'gone') {
      // Standard Webhooks: 410 means the endpoint is retired; no retry, and the webhook is disabled.
      this.finish(
        claimed,
        record(
          'failed',
          null,
          `${lastError} (the receiver is gone; the webhook is disabled)`,
          'receiver-gone',
        ),
      );
      return { kind: 'failure' };
    }
    if (outcome.kind === 'error' && outcome.permanent) {
      this.finish(claimed, record('failed', null, lastError, 'blocked-destination'));
      return { kind: 'failure' };
    }
    const delayMs = retryDelayMs({
      scheduleSeconds: this.settings.retryScheduleSeconds,
      failedAttempts: claimed.attemptNumber - claimed.retryBase,
      retryAfter: outcome.kind === 'response' ? outcome.retryAfter : undefined,
      now: new Date(),
      random: this.random,
    });
    if (delayMs === null) {
      const attempts = maxAttempts(this.settings.retryScheduleSeconds);
      this.finish(
        claimed,
        record('failed', null, `${lastError} (gave up after ${attempts} attempts)`, 'retries-exhausted'),
      );
    } else if (this.view.get(claimed.webhookId)?.definition.enabled === false) {
      // Disabled while this attempt was in flight: no retry is scheduled for it. Disabled by the
      // system (issue 18), it ends failed with the reason, so `recover` replays it.
      const reason = this.view.get(claimed.webhookId)?.definition.disabled_reason ?? '';
      this.finish(
        claimed,
        record(
          reason === '' ? 'cancelled' : 'failed',
          null,
          `${lastError} (the webhook was disabled${reason === '' ? '' : `: ${reason}`})`,
          reason === '' ? null : 'webhook-disabled',
        ),
      );
    } else {
      this.finish(claimed, record('retrying', delayMs / 1000, lastError, null));
    }
    if (outcome.kind === 'response' && THROTTLING_STATUSES.has(outcome.statusCode)) {
      const pauseMs = delayMs ?? (this.settings.retryScheduleSeconds[0] ?? 0) * 1000;
      return { kind: 'throttled', until: monotonicNow() + pauseMs };
    }
    return { kind: 'failure' };
  }

  /** Ends a delivery without sending anything (deleted webhook, unrenderable template). */
  private fail(claimed: ClaimedDelivery, started: Date, reason: FailureReason, error: string): void {
    this.finish(claimed, {
      deliveryId: claimed.id,
      webhookId: claimed.webhookId,
      attemptNumber: claimed.attemptNumber,
      started,
      durationMs: 0,
      statusCode: null,
      responseBody: null,
      error,
      requestHeaders: null,
      requestBody: null,
      requestBodyIsEvent: false,
      status: 'failed',
      retryInSeconds: null,
      lastError: error,
      failureReason: reason,
      unstored: claimed.unstored,
    });
  }

  private finish(claimed: ClaimedDelivery, record: AttemptRecord): void {
    const definition = this.view.get(claimed.webhookId)?.definition;
    this.recorder.record(record, definition?.ordering === 'per_object');
    reportDeliveryOutcome(this.logger, this.metrics, {
      webhookId: claimed.webhookId,
      deliveryId: claimed.unstored ? null : claimed.id,
      eventId: claimed.event.eventId,
      requestId: claimed.event.requestId ?? null,
      attempt: claimed.attemptNumber,
      outcome: record.status,
      status: record.statusCode,
      durationMs: record.durationMs,
      error: record.lastError,
      failureReason: record.failureReason,
      retryInSeconds: record.retryInSeconds,
    });
    if (!definition) this.metrics.forgetWebhook(claimed.webhookId);
  }
}
