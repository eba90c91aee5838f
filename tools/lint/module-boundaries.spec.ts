import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');

/** Throw-away files placed inside real projects, so those projects' Nx tags apply to them. */
const FIXTURES = {
  contractsImportsKafkajs: [
    'libs/contracts/src/boundary-fixture-kafkajs.ts',
    "import { Kafka } from 'kafkajs';\nexport const client = Kafka;\n",
  ],
  contractsImportsNest: [
    'libs/contracts/src/boundary-fixture-nest.ts',
    "import { Injectable } from '@nestjs/common';\nexport const decorator = Injectable;\n",
  ],
  appImportsApp: [
    'apps/reports/src/boundary-fixture-app.ts',
    "import { loadDispatcherConfig } from '../../dispatcher/src/config';\nexport const load = loadDispatcherConfig;\n",
  ],
  appImportsContracts: [
    'apps/reports/src/boundary-fixture-contracts.ts',
    "import { TOPICS } from '@validity/contracts';\nexport const topics = TOPICS;\n",
  ],
  jinjaSandboxImportsNest: [
    'libs/jinja-sandbox/src/boundary-fixture-nest.ts',
    "import { Injectable } from '@nestjs/common';\nexport const decorator = Injectable;\n",
  ],
  appImportsJinjaSandbox: [
    'apps/webhook-registry/src/boundary-fixture-jinja.ts',
    "import { renderTemplate } from '@validity/jinja-sandbox';\nexport const render = renderTemplate;\n",
  ],
} as const;

type Fixture = keyof typeof FIXTURES;

/** Lints every fixture in one ESLint run (type-aware linting is slow to start) and removes them. */
function boundaryMessages(): Record<Fixture, string[]> {
  const nx = join(repoRoot, 'node_modules', 'nx', 'bin', 'nx.js');
  // The Nx rule reads the cached project graph and silently skips itself without one; build it first.
  spawnSync(process.execPath, [nx, 'show', 'projects'], { cwd: repoRoot, stdio: 'ignore' });
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
          .filter((message) => message.ruleId === '@nx/enforce-module-boundaries')
          .map((message) => message.message),
      ]),
    ) as Record<Fixture, string[]>;
  } finally {
    for (const file of files) rmSync(file, { force: true });
  }
}

describe('module boundaries', () => {
  let messages: Record<Fixture, string[]>;
  beforeAll(() => {
    messages = boundaryMessages();
  });

  it('forbids the contracts lib from importing kafkajs', () => {
    expect(messages.contractsImportsKafkajs).toEqual([
      'A project tagged with "type:contract" is not allowed to import "kafkajs"',
    ]);
  });

  it('forbids the contracts lib from importing NestJS', () => {
    expect(messages.contractsImportsNest).toEqual([
      'A project tagged with "type:contract" is not allowed to import "@nestjs/common"',
    ]);
  });

  it('forbids one app from importing another', () => {
    expect(messages.appImportsApp).toHaveLength(1);
  });

  it('allows an app to import the shared contracts', () => {
    expect(messages.appImportsContracts).toEqual([]);
  });

  it('keeps the shared Jinja sandbox framework-free', () => {
    expect(messages.jinjaSandboxImportsNest).toEqual([
      'A project tagged with "type:contract" is not allowed to import "@nestjs/common"',
    ]);
  });

  it('lets the registry and the dispatcher share the Jinja sandbox', () => {
    expect(messages.appImportsJinjaSandbox).toEqual([]);
  });
});
