import type { FaultCheck } from './faults';
import type { ValidityClient } from './validity-client';
import { readWholeTopic } from './whole-topic';

interface WebhookEnvelope {
  data: { id: number; name: string; body_template: string };
}

const RETRY_PAUSE_MS = 250;
const GIVE_UP_AFTER_MS = 120_000;

/**
 * Creates and updates webhooks one request at a time, as an operator's script would, while the registry
 * is killed under it. A request that gets no answer or a 5xx is sent again with the same body until it
 * gets a 2xx or a 4xx; a create whose first attempt was stored before the kill then answers 400 "name
 * already exists", which is consistent only if the stored webhook is exactly what was sent. The webhooks
 * are disabled, so they never deliver anything.
 */
export class WebhookWriter {
  /** Confirmed webhook ids by name, and the `body_template` each was last confirmed with (not `additional_headers`: public topics mask its values). */
  private readonly confirmed = new Map<string, { id: number; headers: string }>();
  private createdAfterLostAnswer = 0;
  private inconsistentAnswers: string[] = [];
  private retried = 0;

  constructor(
    private readonly client: ValidityClient,
    private readonly prefix: string,
  ) {}

  /** Writes `operations` changes (creates, each followed by an update of the previous webhook). */
  async write(operations: number, afterEach: (done: number) => Promise<void>): Promise<void> {
    for (let done = 0; done < operations; done += 1) {
      const index = Math.floor(done / 2);
      if (done % 2 === 0) await this.create(index);
      else await this.update(index, `X-Chaos-Version: ${done}`);
      await afterEach(done + 1);
    }
  }

  private body(index: number) {
    return {
      name: `${this.prefix}-${index}`,
      content_types: ['validity.compliancetest'],
      type_create: true,
      payload_url: `http://127.0.0.1:9/${this.prefix}/${index}`,
      http_method: 'POST',
      body_template: '',
      enabled: false,
    };
  }

  private async create(index: number): Promise<void> {
    const body = this.body(index);
    const answer = await this.untilAnswered('POST', 'extras/webhooks/', body);
    if (answer.status === 201) {
      this.confirmed.set(body.name, { id: (answer.body as { id: number }).id, headers: '' });
      return;
    }
    const stored = await this.client.call('GET', `extras/webhooks/?name=${encodeURIComponent(body.name)}`);
    const [webhook] = (stored.body as { results: Array<{ id: number; payload_url: string }> }).results;
    if (answer.status === 400 && this.retried > 0 && webhook?.payload_url === body.payload_url) {
      this.createdAfterLostAnswer += 1;
      this.confirmed.set(body.name, { id: webhook.id, headers: '' });
      return;
    }
    this.inconsistentAnswers.push(`create ${body.name}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  private async update(index: number, headers: string): Promise<void> {
    const target = this.confirmed.get(this.body(index).name);
    if (!target) return;
    const answer = await this.untilAnswered('PATCH', `extras/webhooks/${target.id}/`, {
      body_template: headers,
    });
    if (answer.status === 200) target.headers = headers;
    else
      this.inconsistentAnswers.push(`update ${target.id}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  /** Sends until a 2xx or 4xx; remembers whether this request needed a retry. */
  private async untilAnswered(method: string, path: string, body: unknown) {
    this.retried = 0;
    const deadline = Date.now() + GIVE_UP_AFTER_MS;
    while (Date.now() < deadline) {
      try {
        const answer = await this.client.call(method, path, body);
        if (answer.status < 500) return answer;
      } catch {
        // the registry (or its connection) died mid-request: send the same body again
      }
      this.retried += 1;
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
    throw new Error(`${method} ${path} never answered below 500 in ${GIVE_UP_AFTER_MS} ms`);
  }

  /**
   * Every confirmed create has its `created` event and every confirmed update its `updated` event (the
   * last one carries the confirmed headers); every webhook stored has its created event and every created
   * event its webhook: nothing half-written.
   */
  async check(kafkaBrokers: string): Promise<FaultCheck> {
    const ours = (values: Buffer[]) =>
      values
        .map((value) => JSON.parse(value.toString('utf8')) as WebhookEnvelope)
        .filter((envelope) => envelope.data.name.startsWith(`${this.prefix}-`));
    const created = ours(await readWholeTopic(kafkaBrokers, 'extras.webhook.created'));
    const updated = ours(await readWholeTopic(kafkaBrokers, 'extras.webhook.updated'));
    const listing = await this.client.call('GET', `extras/webhooks/?name__isw=${this.prefix}-&limit=1000`);
    const stored = (listing.body as { results: Array<{ id: number; body_template: string }> }).results;

    const createdIds = new Set(created.map((envelope) => envelope.data.id));
    const storedIds = new Set(stored.map((webhook) => webhook.id));
    const problems = [...this.inconsistentAnswers];
    for (const [name, { id, headers }] of this.confirmed) {
      if (!createdIds.has(id)) problems.push(`${name}: confirmed, no created event`);
      const lastUpdate = updated.filter((envelope) => envelope.data.id === id).at(-1);
      if (headers && lastUpdate?.data.body_template !== headers) {
        problems.push(`${name}: update confirmed, its updated event missing`);
      }
    }
    for (const webhook of stored) {
      if (!createdIds.has(webhook.id))
        problems.push(`webhook ${webhook.id} stored without its created event`);
    }
    for (const id of createdIds) if (!storedIds.has(id)) problems.push(`created event for ${id}, no webhook`);
    return {
      passed: problems.length === 0,
      detail:
        `${this.confirmed.size} webhooks created (${this.createdAfterLostAnswer} after a lost answer), ` +
        `${stored.length} stored, ${created.length} created and ${updated.length} updated events; ` +
        `${problems.length} inconsistencies${problems.length ? `: ${problems.slice(0, 3).join('; ')}` : ''}`,
    };
  }
}
