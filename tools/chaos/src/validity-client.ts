/** The few API calls the chaos run makes, through the gateway as any client would. */
export class ValidityClient {
  constructor(
    private readonly apiUrl: string,
    private readonly authorization: string,
  ) {}

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: { Authorization: this.authorization, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  async create<T>(path: string, body: unknown): Promise<T> {
    const answer = await this.call('POST', path, body);
    if (answer.status !== 201) {
      throw new Error(`POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    }
    return answer.body as T;
  }
}
