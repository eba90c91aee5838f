/** What a spec needs of a running registry: its base URL and an `Authorization` header value. */
export interface RegistryUnderTest {
  url: string;
  auth: string;
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export type WebhookBody = Record<string, unknown>;

/**
 * A small HTTP client for `/api/extras/webhooks/` in specs: `path` is relative to the list route
 * (`''`, `'7/'`, `'?name=x'`), bodies are sent as JSON, answers parsed as JSON when there is one.
 */
export function webhookApi(registry: RegistryUnderTest) {
  const listUrl = `${registry.url}/api/extras/webhooks/`;
  async function call<T = unknown>(
    method: string,
    path = '',
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> {
    const response = await fetch(`${listUrl}${path}`, {
      method,
      headers: {
        Authorization: registry.auth,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text === '' ? null : JSON.parse(text)) as T,
      headers: response.headers,
    };
  }
  return {
    listUrl,
    call,
    get: <T = WebhookBody>(path = '') => call<T>('GET', path),
    post: <T = WebhookBody>(body: unknown, path = '') => call<T>('POST', path, body),
    put: <T = WebhookBody>(path: string, body: unknown) => call<T>('PUT', path, body),
    patch: <T = WebhookBody>(path: string, body: unknown) => call<T>('PATCH', path, body),
    delete: (path: string, body?: unknown) => call('DELETE', path, body),
    /** Creates a webhook and returns its representation; fails the test on anything but 201. */
    async create(body: WebhookBody): Promise<WebhookBody & { id: number; url: string }> {
      const answer = await call<WebhookBody & { id: number; url: string }>('POST', '', body);
      if (answer.status !== 201)
        throw new Error(`create answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
  };
}
