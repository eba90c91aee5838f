import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');

/** Throw-away files placed inside real app layers, so the layer of their folder applies to them. */
const FIXTURES = {
  domainImportsApi: [
    'apps/webhook-registry/src/webhooks/domain/layer-fixture-domain.ts',
    "import { canReadSecrets } from '../api/secret-visibility';\nexport const canRead = canReadSecrets;\n",
  ],
  storeImportsOtherFeaturesStore: [
    'apps/ingest/src/netbox-hooks/store/layer-fixture-store.ts',
    "import { SOURCE_FILTERS } from '../../sources/store/source-filters';\nexport const filters = SOURCE_FILTERS;\n",
  ],
  featureImportsOtherFeaturesStore: [
    'apps/dispatcher/src/matching/layer-fixture-cross.ts',
    "import { DeliveryStore } from '../deliveries/store/delivery-store';\nexport const store = DeliveryStore;\n",
  ],
  apiImportsOwnDomain: [
    'apps/ingest/src/sources/api/layer-fixture-api.ts',
    "import { type Source } from '../domain/source';\nexport type Shown = Source;\n",
  ],
  storeImplementsOtherFeaturesPort: [
    'apps/dispatcher/src/deliveries/store/layer-fixture-port.ts',
    "import type { RecoverableDeliveries } from '../../auto-disable/domain/recoverable-deliveries';\nexport type Port = RecoverableDeliveries;\n",
  ],
  moduleWiresOtherFeaturesStore: [
    'apps/dispatcher/src/matching/layer-fixture.module.ts',
    "import { DeliveryStore } from '../deliveries/store/delivery-store';\nexport const providers = [DeliveryStore];\n",
  ],
} as const;

type Fixture = keyof typeof FIXTURES;

/** Lints every fixture in one ESLint run (type-aware linting is slow to start) and removes them. */
function layerMessages(): Record<Fixture, string[]> {
  const files = Object.values(FIXTURES).map(([path, source]) => {
    const file = join(repoRoot, path);
    writeFileSync(file, source);
    return file;
  });
  try {
    const eslint = join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');
    const run = spawnSync(process.execPath, [eslint, '--format', 'json', ...files], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const results = JSON.parse(run.stdout) as Array<{
      filePath: string;
      messages: Array<{ ruleId: string; message: string }>;
    }>;
    return Object.fromEntries(
      Object.entries(FIXTURES).map(([name, [path]]) => [
        name,
        (results.find((result) => result.filePath === join(repoRoot, path))?.messages ?? [])
          .filter((message) => message.ruleId === 'boundaries/dependencies')
          .map((message) => message.message),
      ]),
    ) as Record<Fixture, string[]>;
  } finally {
    for (const file of files) rmSync(file, { force: true });
  }
}

describe('app layers (tools/lint/app-layers.mjs)', () => {
  let messages: Record<Fixture, string[]>;
  beforeAll(() => {
    messages = layerMessages();
  });

  it('forbids domain code from importing the api layer', () => {
    expect(messages.domainImportsApi).toEqual([
      expect.stringMatching(/type "api".* not allowed in elements of type "domain"/),
    ]);
  });

  it("forbids a feature's store from importing another feature's store", () => {
    expect(messages.storeImportsOtherFeaturesStore).toEqual([
      expect.stringMatching(/type "store" and captured values: feature="sources" are not allowed/),
    ]);
  });

  it("forbids a flat feature from reaching into another feature's store", () => {
    expect(messages.featureImportsOtherFeaturesStore).toEqual([
      expect.stringMatching(/type "store" and captured values: feature="deliveries" are not allowed/),
    ]);
  });

  it('lets the api use its own domain, and a Nest module wire another feature in', () => {
    expect(messages.apiImportsOwnDomain).toEqual([]);
    expect(messages.moduleWiresOtherFeaturesStore).toEqual([]);
  });

  it("lets a store implement a port declared in another feature's domain", () => {
    expect(messages.storeImplementsOtherFeaturesPort).toEqual([]);
  });
});
