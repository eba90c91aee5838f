import type { SoakSample } from './soak-verdict';

interface Series {
  name: string;
  values: ReadonlyArray<number | null>;
  color: string;
}

const WIDTH = 720;
const HEIGHT = 320;
const LEFT = 60;
const RIGHT = 160;
const TOP = 36;
const BOTTOM = 40;

/**
 * A self-contained SVG line chart over time (seconds on x, a linear y axis from 0): hundreds of samples
 * as one polyline per series, minute ticks only. Its own, since a chaos tool may not import the bench's.
 */
function timeChart(
  title: string,
  yLabel: string,
  times: readonly number[],
  series: readonly Series[],
): string {
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const top = Math.max(1, ...values) * 1.1;
  const end = Math.max(1, ...times);
  const x = (t: number) => (LEFT + (t / end) * plotW).toFixed(1);
  const y = (v: number) => (TOP + plotH - (v / top) * plotH).toFixed(1);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${LEFT + plotW / 2}" y="20" text-anchor="middle" font-size="14">${title}</text>`,
    `<text transform="translate(14 ${TOP + plotH / 2}) rotate(-90)" text-anchor="middle">${yLabel}</text>`,
  ];
  for (let tick = 0; tick <= 4; tick += 1) {
    const value = (top * tick) / 4;
    parts.push(
      `<line x1="${LEFT}" x2="${LEFT + plotW}" y1="${y(value)}" y2="${y(value)}" stroke="#ddd"/>`,
      `<text x="${LEFT - 6}" y="${Number(y(value)) + 4}" text-anchor="end">${Math.round(value)}</text>`,
    );
  }
  const stepS = end > 1_800 ? 600 : 60;
  for (let t = 0; t <= end; t += stepS) {
    parts.push(`<text x="${x(t)}" y="${TOP + plotH + 16}" text-anchor="middle">${t / 60} min</text>`);
  }
  series.forEach((s, index) => {
    const points = s.values.flatMap((v, i) => (v === null ? [] : [`${x(times[i])},${y(v)}`])).join(' ');
    parts.push(
      `<polyline fill="none" stroke="${s.color}" stroke-width="1.5" points="${points}"/>`,
      `<line x1="${LEFT + plotW + 12}" x2="${LEFT + plotW + 32}" y1="${TOP + 10 + index * 18}" y2="${TOP + 10 + index * 18}" stroke="${s.color}" stroke-width="2"/>`,
      `<text x="${LEFT + plotW + 38}" y="${TOP + 14 + index * 18}">${s.name}</text>`,
    );
  });
  parts.push('</svg>', '');
  return parts.join('\n');
}

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd'];

/** The soak's two plots: every service's RSS, and delivery p99 with the consumer lag. */
export function soakCharts(samples: readonly SoakSample[]): { memory: string; latency: string } {
  const times = samples.map((sample) => sample.t_s);
  const services = Object.keys(samples[0]?.rss_mib ?? {});
  return {
    memory: timeChart(
      'Soak: resident memory per service',
      'RSS (MiB)',
      times,
      services.map((service, index) => ({
        name: service,
        values: samples.map((sample) => sample.rss_mib[service] ?? null),
        color: COLORS[index % COLORS.length],
      })),
    ),
    latency: timeChart('Soak: delivery p99 (10 s windows) and consumer lag', 'ms / records', times, [
      { name: 'p99 (ms)', values: samples.map((sample) => sample.delivery_p99_ms), color: COLORS[0] },
      { name: 'lag (records)', values: samples.map((sample) => sample.consumer_lag), color: COLORS[3] },
    ]),
  };
}
