import type { BenchStack } from './bench-stack';

/** A webhook for compliance-report creations posting to `payloadUrl` (the dispatcher's defaults otherwise). */
export function reportCreatedWebhook(name: string, payloadUrl: string): Record<string, unknown> {
  return {
    name,
    content_types: ['validity.compliancereport'],
    type_create: true,
    payload_url: payloadUrl,
    http_method: 'POST',
    enabled: true,
  };
}

/** Creates webhooks through `/api/extras/webhooks/` (one bulk request) and returns their ids. */
export async function createWebhooks(
  stack: BenchStack,
  bodies: ReadonlyArray<Record<string, unknown>>,
): Promise<number[]> {
  const answer = await call(stack, 'POST', bodies);
  if (answer.status !== 201)
    throw new Error(`creating webhooks answered ${answer.status}: ${answer.text.slice(0, 500)}`);
  return (JSON.parse(answer.text) as Array<{ id: number }>).map((webhook) => webhook.id);
}

/** Deletes webhooks through the API (bulk `DELETE`); nothing to do for no ids. */
export async function deleteWebhooks(stack: BenchStack, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const answer = await call(
    stack,
    'DELETE',
    ids.map((id) => ({ id })),
  );
  if (answer.status !== 204)
    throw new Error(`deleting webhooks answered ${answer.status}: ${answer.text.slice(0, 500)}`);
}

/** Disables webhooks through the API (bulk `PATCH`): the dispatcher cancels what they have waiting. */
export async function disableWebhooks(stack: BenchStack, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const answer = await call(
    stack,
    'PATCH',
    ids.map((id) => ({ id, enabled: false })),
  );
  if (answer.status !== 200)
    throw new Error(`disabling webhooks answered ${answer.status}: ${answer.text.slice(0, 500)}`);
}

/** The webhook's deliveries pending or retrying in the dispatcher's table (its delivery health). */
export async function waitingDeliveries(stack: BenchStack, webhookId: number): Promise<number> {
  const response = await fetch(`${stack.apiUrl}extras/webhook-deliveries/health/?webhook_id=${webhookId}`, {
    headers: { Authorization: stack.authorization },
  });
  const page = (await response.json()) as { results?: Array<{ waiting: number }> };
  return page.results?.[0]?.waiting ?? 0;
}

async function call(
  stack: BenchStack,
  method: string,
  body: unknown,
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${stack.apiUrl}extras/webhooks/`, {
    method,
    headers: { Authorization: stack.authorization, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}
