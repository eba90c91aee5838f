import { request } from 'node:http';

export interface ServiceHealth {
  status: 'ok' | 'degraded' | 'unreachable';
  checks?: Record<string, string>;
}

/** A service's own `GET /health`, within two seconds; an unanswered probe reads as unreachable. */
export function probeServiceHealth(baseUrl: string): Promise<ServiceHealth> {
  return new Promise((resolve) => {
    const probe = request(new URL('/health', baseUrl), { timeout: 2_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        try {
          const parsed = JSON.parse(body) as { status?: string; checks?: Record<string, string> };
          resolve({ status: parsed.status === 'ok' ? 'ok' : 'degraded', checks: parsed.checks });
        } catch {
          resolve({ status: 'degraded' });
        }
      });
    });
    probe.on('timeout', () => probe.destroy());
    probe.on('error', () => resolve({ status: 'unreachable' }));
    probe.end();
  });
}
