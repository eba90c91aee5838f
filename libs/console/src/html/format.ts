import { html, type SafeHtml } from './safe-html';
import { badge } from './widgets';

/** A REST datetime as `<time>`, shown in UTC as NetBox shows it. */
export function when(iso: unknown): SafeHtml | string {
  if (typeof iso !== 'string') return '—';
  return html`<time datetime="${iso}"
    >${iso
      .replace('T', ' ')
      .replace(/\.\d+/, '')
      .replace(/(Z|\+00:00)$/, ' UTC')}</time
  >`;
}

const TONES: Record<string, 'ok' | 'bad' | 'warn' | 'neutral'> = {
  delivered: 'ok',
  failed: 'bad',
  retrying: 'warn',
  pending: 'neutral',
  ok: 'ok',
};

export function statusBadge(status: { value: string; label: string } | string | undefined): SafeHtml {
  const value = typeof status === 'string' ? status : (status?.value ?? 'unknown');
  const label = typeof status === 'string' ? status : (status?.label ?? value);
  return badge(label, TONES[value] ?? (value === 'ok' ? 'ok' : 'bad'));
}

export function yesNo(value: unknown): SafeHtml {
  return value === true ? badge('Yes', 'ok') : badge('No', 'neutral');
}
