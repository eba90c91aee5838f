import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { YAML11_SCHEMA, load } from 'js-yaml';
import { APPS, CREATE_TOPICS_UNIT, buildUnit, builtEntry } from '@validity/stack';

/*
 * No Docker engine runs here, so the image is checked by what its files say, the built paths they name
 * are checked to exist, and `docker compose config` runs wherever a compose client is installed.
 */
const repoRoot = join(__dirname, '..', '..');
const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
const composeFile = join(repoRoot, 'docker-compose.yml');

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  healthcheck?: { disable?: boolean };
}
// YAML 1.1: compose's `<<:` merge keys (the shared app settings) are part of it.
const compose = load(readFileSync(composeFile, 'utf8'), { schema: YAML11_SCHEMA }) as {
  services: Record<string, ComposeService>;
};

/** The Dockerfile's instructions per stage, continuation lines joined, comments dropped. */
function stages(): string[][] {
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const result: string[][] = [];
  for (const instruction of instructions) {
    if (instruction.startsWith('FROM ')) result.push([]);
    result.at(-1)?.push(instruction);
  }
  return result;
}

describe('Dockerfile', () => {
  const [build, runtime] = stages();

  it('builds in one stage (every dependency, then npm run build) and runs from a second', () => {
    expect(stages()).toHaveLength(2);
    expect(build![0]).toMatch(/^FROM \S+ AS build$/);
    expect(build).toContainEqual(expect.stringMatching(/^RUN npm ci\b(?!.*--omit)/));
    expect(build).toContain('RUN npm run build');
  });

  it('installs only production dependencies in the runtime stage and copies only the built output', () => {
    expect(runtime).toContainEqual(expect.stringMatching(/^RUN npm ci --omit=dev\b/));
    const copies = runtime!.filter((instruction) => instruction.startsWith('COPY '));
    expect(copies).toEqual([
      'COPY package.json package-lock.json ./',
      'COPY --from=build /app/dist ./dist',
      'COPY tools/docker/healthcheck.js ./tools/docker/healthcheck.js',
    ]);
  });

  it('runs as the non-root node user, with a HEALTHCHECK and the built main.js (no TypeScript loader)', () => {
    const user = runtime!.filter((instruction) => instruction.startsWith('USER '));
    expect(user).toEqual(['USER node']);
    expect(runtime!.indexOf('USER node')).toBeLessThan(runtime!.findIndex((i) => i.startsWith('CMD ')));
    expect(runtime).toContainEqual(
      expect.stringMatching(/^HEALTHCHECK .*CMD \["node", "tools\/docker\/healthcheck.js"\]$/),
    );
    const cmd = runtime!.find((instruction) => instruction.startsWith('CMD '));
    expect(cmd).toBe('CMD ["sh", "-c", "exec node dist/apps/$APP/apps/$APP/src/main.js"]');
    expect(dockerfile).not.toContain('@swc-node/register');
  });

  it('names, for every app, the main.js the build writes', async () => {
    const cmd = runtime!.find((instruction) => instruction.startsWith('CMD '))!;
    const template = /exec node (\S+)"/.exec(cmd)![1]!;
    for (const app of APPS) {
      expect(join(repoRoot, template.replaceAll('$APP', app.name))).toBe(builtEntry(app.name));
    }
    await buildUnit(CREATE_TOPICS_UNIT);
    expect(existsSync(join(repoRoot, compose.services.topics!.command![1]!))).toBe(true);
  });
});

describe('docker-compose.yml', () => {
  it('has no default admin token: compose refuses to start without ADMIN_TOKEN', () => {
    for (const app of APPS) {
      expect(compose.services[app.name]!.environment!.ADMIN_TOKEN).toMatch(/^\$\{ADMIN_TOKEN:\?.+\}$/);
    }
  });

  it('points the gateway at each service by its compose name and the port the service listens on', () => {
    const gateway = compose.services.gateway!.environment!;
    for (const app of APPS.filter((candidate) => candidate.name !== 'gateway')) {
      expect(gateway[app.portEnv.replace(/_PORT$/, '_URL')]).toBe(`http://${app.name}:${app.defaultPort}`);
      expect(compose.services[app.name]!.environment!.APP).toBe(app.name);
    }
  });

  it("runs the topics job from the built output, without the apps' health check", () => {
    expect(compose.services.topics!.command![0]).toBe('node');
    expect(compose.services.topics!.healthcheck).toEqual({ disable: true });
  });

  const composeClient = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  const itWithCompose = composeClient.status === 0 ? it : it.skip;

  itWithCompose('is valid for `docker compose config`, and refused without ADMIN_TOKEN', () => {
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync('docker', ['compose', '-f', composeFile, 'config', '--quiet'], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
      });
    const key = 'a'.repeat(64);
    expect(run({ ADMIN_TOKEN: 'b'.repeat(40), INTERNAL_TOPIC_HMAC_KEY: key }).status).toBe(0);
    const refused = run({ INTERNAL_TOPIC_HMAC_KEY: key });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('ADMIN_TOKEN');
  });
});

describe('tools/docker/healthcheck.js', () => {
  let server: Server;
  let status = 200;
  let port: number;

  beforeAll(async () => {
    server = createServer((request, response) => {
      response.statusCode = request.url === '/health' ? status : 404;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  function healthcheck(env: NodeJS.ProcessEnv): Promise<number | null> {
    const child = spawn(process.execPath, [join(__dirname, 'healthcheck.js')], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: 'ignore',
    });
    return new Promise((resolve) => child.once('exit', resolve));
  }

  it.each(APPS.map((app) => [app.name, app.portEnv]))(
    'passes when %s answers 200 on /health at the port it reads from %s',
    async (app, portEnv) => {
      status = 200;
      expect(await healthcheck({ APP: app, [portEnv]: String(port) })).toBe(0);
    },
  );

  it('fails when the app answers 503', async () => {
    status = 503;
    expect(await healthcheck({ APP: 'gateway', GATEWAY_PORT: String(port) })).toBe(1);
  });

  it('fails when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await healthcheck({ APP: 'gateway', GATEWAY_PORT: String(freePort) })).toBe(1);
  });
});
