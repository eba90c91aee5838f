import { createHash } from 'node:crypto';
import { builtinModules } from 'node:module';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { transformFileSync, type Options } from '@swc/core';
import { withDirectoryLock } from './directory-lock';

const repoRoot = join(__dirname, '..', '..', '..');

/**
 * One runnable output: the modules its entries reach (apps and the libs they import), compiled to
 * CommonJS under `outDir` at their repository-relative paths, so `__dirname`-relative reads (the
 * console's `assets/`, the root `package.json`) find what they found in the checkout.
 */
export interface BuildUnit {
  name: string;
  /** Repository-relative `.ts` files that are run with `node <outDir>/<entry>.js`. */
  entries: readonly string[];
  /** Repository-relative output folder. */
  outDir: string;
}

/** The apps `npm start` runs; each one's `main`, `migrate` and `rebuild-projections` are entries. */
export const BUILT_APPS = ['reports', 'webhook-registry', 'dispatcher', 'ingest', 'gateway'] as const;

const APP_ENTRY_NAMES = ['main', 'migrate', 'rebuild-projections'];

export function appBuildUnit(app: string): BuildUnit {
  return {
    name: app,
    entries: APP_ENTRY_NAMES.map((entry) => `apps/${app}/src/${entry}.ts`).filter((entry) =>
      existsSync(join(repoRoot, entry)),
    ),
    outDir: `dist/apps/${app}`,
  };
}

/** docker-compose's one-shot job that creates the topics before the apps start. */
export const CREATE_TOPICS_UNIT: BuildUnit = {
  name: 'create-topics',
  entries: ['tools/stack/src/create-topics.ts'],
  outDir: 'dist/tools/create-topics',
};

export const ALL_BUILD_UNITS: readonly BuildUnit[] = [...BUILT_APPS.map(appBuildUnit), CREATE_TOPICS_UNIT];

/** Where `node` finds an app's compiled `main` (the stack launcher and the Docker image run this). */
export function builtEntry(app: string, entry = 'main'): string {
  return join(repoRoot, 'dist', 'apps', app, 'apps', app, 'src', `${entry}.js`);
}

const STAMP_FILE = 'build-stamp.json';

/** What a build was made from: a change to any of these files (or to this builder) makes the next one real. */
interface BuildStamp {
  inputs: Record<string, string>;
}

/**
 * Compiles `unit` unless its output is already built from the same sources. Safe to call from test runs
 * in parallel: one builds under a lock while the others wait, then find the stamp current.
 * Returns whether it compiled.
 */
export async function buildUnit(
  unit: BuildUnit,
  log: (line: string) => void = () => undefined,
): Promise<boolean> {
  const outDir = join(repoRoot, unit.outDir);
  mkdirSync(dirname(outDir), { recursive: true });
  return withDirectoryLock(`${outDir}.lock`, () => {
    if (isCurrent(outDir)) return false;
    const started = Date.now();
    const staging = `${outDir}.staging-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    const inputs = compileReachable(unit, staging);
    writeFileSync(join(staging, STAMP_FILE), `${JSON.stringify({ inputs } satisfies BuildStamp, null, 2)}\n`);
    // Swapped in whole: a process starting meanwhile sees the old build or the new one, never half of one.
    rmSync(outDir, { recursive: true, force: true });
    renameSync(staging, outDir);
    const modules = Object.keys(inputs).filter((file) => file.endsWith('.ts')).length;
    log(`built ${unit.name}: ${modules} modules in ${Date.now() - started} ms → ${unit.outDir}`);
    return true;
  });
}

export async function buildUnits(
  units: readonly BuildUnit[] = ALL_BUILD_UNITS,
  log?: (line: string) => void,
): Promise<void> {
  for (const unit of units) await buildUnit(unit, log);
}

function isCurrent(outDir: string): boolean {
  const stampFile = join(outDir, STAMP_FILE);
  if (!existsSync(stampFile)) return false;
  const { inputs } = JSON.parse(readFileSync(stampFile, 'utf8')) as BuildStamp;
  return Object.entries(inputs).every(([file, hash]) => hashOf(file) === hash);
}

function hashOf(repoRelativeFile: string): string | undefined {
  const file = join(repoRoot, repoRelativeFile);
  if (!existsSync(file)) return undefined;
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

const { compilerOptions } = JSON.parse(readFileSync(join(repoRoot, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};

/** The same transform `@swc-node/register` and the Jest setup apply, plus `paths` rewritten to relative. */
const swcOptions: Options = {
  swcrc: false,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
    baseUrl: resolve(repoRoot),
    paths: compilerOptions.paths,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};

const productionDependencies = new Set(
  Object.keys(
    (
      JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
      }
    ).dependencies,
  ),
);
const builtins = new Set(builtinModules);

/**
 * Compiles the entries and every module they import, following the compiled `require` calls, and returns
 * the hash of every input. A bare import of a package that is not a production dependency fails the build:
 * the image installs only `dependencies`, so it would fail there at run time.
 */
function compileReachable(unit: BuildUnit, outDir: string): Record<string, string> {
  const inputs: Record<string, string> = {};
  const pending = [...unit.entries];
  const seen = new Set(pending);
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    inputs[file] = hashOf(file)!;
    const source = join(repoRoot, file);
    const target = join(outDir, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    if (!file.endsWith('.ts')) {
      cpSync(source, target);
      continue;
    }
    const output = transformFileSync(source, { ...swcOptions, filename: source, sourceFileName: source });
    writeFileSync(target, `${output.code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (output.map) writeFileSync(`${target}.map`, output.map);
    const assets = join(dirname(source), 'assets');
    if (existsSync(assets)) cpSync(assets, join(dirname(target), 'assets'), { recursive: true });
    for (const specifier of requiredSpecifiers(output.code)) {
      if (specifier.startsWith('.')) {
        const imported = resolveSource(resolve(dirname(source), specifier), file, specifier);
        if (!seen.has(imported)) {
          seen.add(imported);
          pending.push(imported);
        }
      } else if (!isAvailableInProduction(specifier)) {
        throw new Error(`${file} imports '${specifier}', which is not in package.json "dependencies"`);
      }
    }
  }
  // Read at run time through `__dirname` (the dispatcher's User-Agent names the version).
  cpSync(join(repoRoot, 'package.json'), join(outDir, 'package.json'));
  for (const file of ['package.json', 'tsconfig.base.json', relative(repoRoot, __filename)]) {
    inputs[file] = hashOf(file)!;
  }
  return inputs;
}

function requiredSpecifiers(code: string): string[] {
  return [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]!);
}

function resolveSource(absolute: string, importer: string, specifier: string): string {
  const candidates = [`${absolute}.ts`, join(absolute, 'index.ts'), absolute];
  const found = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  if (!found) throw new Error(`${importer}: cannot resolve '${specifier}'`);
  return relative(repoRoot, found);
}

function isAvailableInProduction(specifier: string): boolean {
  if (specifier.startsWith('node:') || builtins.has(specifier)) return true;
  const parts = specifier.split('/');
  const packageName = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return productionDependencies.has(packageName);
}

/** `npm run build [unit...]` and each app's Nx `build` target. */
if (require.main === module) {
  const names = process.argv.slice(2);
  const units =
    names.length === 0 ? ALL_BUILD_UNITS : ALL_BUILD_UNITS.filter((unit) => names.includes(unit.name));
  const unknown = names.filter((name) => !ALL_BUILD_UNITS.some((unit) => unit.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown build unit(s): ${unknown.join(', ')}\n`);
    process.exit(2);
  }
  buildUnits(units, (line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
