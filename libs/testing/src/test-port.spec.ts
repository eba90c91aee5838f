import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..');
/** Linux's default `ip_local_port_range` starts here: any outgoing connection may hold a port above it. */
const EPHEMERAL_RANGE_START = 32_768;
/** Room for the offsets two clones on one machine use (TEST_PORT_OFFSET, BENCH_PORT_OFFSET). */
const OFFSET_ROOM = 1_000;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('fixed test ports', () => {
  it('stay below the ephemeral port range, so no outgoing connection can already hold one', () => {
    const ports = ['apps', 'libs', 'tools']
      .flatMap((dir) => sourceFiles(join(repoRoot, dir)))
      .flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/testPort\(([\d_]+)\)/g)].map((match) => ({
          file,
          port: Number(match[1].replaceAll('_', '')),
        })),
      );

    expect(ports.length).toBeGreaterThan(10);
    expect(ports.filter(({ port }) => port + OFFSET_ROOM >= EPHEMERAL_RANGE_START)).toEqual([]);
  });
});
