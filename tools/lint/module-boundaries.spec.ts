import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/** Lints a throw-away file placed inside a real project, so its Nx tags apply, then removes it. */
function lintFixture(relativePath: string, source: string): LintMessage[] {
  const file = join(repoRoot, relativePath);
  writeFileSync(file, source);
  try {
    const eslint = join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');
    const run = spawnSync(process.execPath, [eslint, '--format', 'json', file], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(run.stdout) as Array<{ messages: LintMessage[] }>;
    return result.messages.filter((message) => message.ruleId === '@nx/enforce-module-boundaries');
  } finally {
    rmSync(file, { force: true });
  }
}

describe('module boundaries', () => {
  // The Nx rule reads the cached project graph and silently skips itself without one; build it first.
  beforeAll(() => {
    const nx = join(repoRoot, 'node_modules', 'nx', 'bin', 'nx.js');
    spawnSync(process.execPath, [nx, 'show', 'projects'], { cwd: repoRoot, stdio: 'ignore' });
  });

  it('forbids the contracts lib from importing kafkajs', () => {
    const messages = lintFixture(
      'libs/contracts/src/boundary-fixture.ts',
      "import { Kafka } from 'kafkajs';\nexport const client = Kafka;\n",
    );
    expect(messages.map((m) => m.message)).toEqual([
      'A project tagged with "type:contract" is not allowed to import "kafkajs"',
    ]);
  });

  it('forbids the contracts lib from importing NestJS', () => {
    const messages = lintFixture(
      'libs/contracts/src/boundary-fixture.ts',
      "import { Injectable } from '@nestjs/common';\nexport const decorator = Injectable;\n",
    );
    expect(messages).toHaveLength(1);
  });

  it('forbids one app from importing another', () => {
    const messages = lintFixture(
      'apps/reports/src/boundary-fixture.ts',
      "import { loadDispatcherConfig } from '../../dispatcher/src/config';\nexport const load = loadDispatcherConfig;\n",
    );
    expect(messages).toHaveLength(1);
  });

  it('allows an app to import the shared contracts', () => {
    const messages = lintFixture(
      'apps/reports/src/boundary-fixture.ts',
      "import { TOPICS } from '@validity/contracts';\nexport const topics = TOPICS;\n",
    );
    expect(messages).toEqual([]);
  });
});
