// One Jest run covers every tier; Kafka and PostgreSQL start once (global setup) for the tiers that need them.
const { pathsToModuleNameMapper } = require('./tools/jest/paths-to-module-name-mapper');
const { compilerOptions } = require('./tsconfig.base.json');

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const shared = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, __dirname),
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.stack/'],
  // dist/ holds the built apps, each with a copy of package.json: not a second "validity-events" module.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.stack/'],
  testEnvironment: 'node',
};

module.exports = {
  // Generous because integration specs wait for real consumer-group joins; speed goals live in benchmarks.
  testTimeout: 60_000,
  maxWorkers: 2,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'system',
      testMatch: ['<rootDir>/apps/system-e2e/src/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/system-global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/system-global-teardown.ts',
    },
  ],
};
