import { ApiCallError } from './api-call.error';

/** One answer of the REST API: its status and parsed JSON body (`null` for 204). */
export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** A NetBox list page. */
export interface ApiPage<T = Record<string, unknown>> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export type ApiQuery = Record<string, string | number | boolean | readonly string[] | undefined>;

/**
 * The console's only way to data: the public REST API under `/api/`, with the signed-in user's token,
 * exactly as pynetbox or curl would call it. No private back door: whatever the console can do, the
 * token can do with curl, and the API's own checks (read-only tokens, validation) apply unchanged.
 */
export class ConsoleApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
    private readonly requestId?: string,
  ) {}

  async get<T = Record<string, unknown>>(path: string, query: ApiQuery = {}): Promise<ApiAnswer<T>> {
    return this.call<T>('GET', path, query);
  }

  async list<T = Record<string, unknown>>(path: string, query: ApiQuery = {}): Promise<ApiPage<T>> {
    const answer = await this.get<ApiPage<T>>(path, query);
    if (answer.status !== 200) throw new ApiCallError(path, answer);
    return answer.body;
  }

  async send<T = Record<string, unknown>>(
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    query: ApiQuery = {},
  ): Promise<ApiAnswer<T>> {
    return this.call<T>(method, path, query, body);
  }

  private async call<T>(
    method: string,
    path: string,
    query: ApiQuery,
    body?: unknown,
  ): Promise<ApiAnswer<T>> {
    const url = new URL(path, this.baseUrl);
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined || value === '') continue;
      for (const one of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(one));
    }
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.token) headers.Authorization = `Token ${this.token}`;
    if (this.requestId) headers['X-Request-ID'] = this.requestId;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = { detail: text.slice(0, 500) };
    }
    return { status: response.status, body: parsed as T };
  }
}
