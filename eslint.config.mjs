import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import boundaries from 'eslint-plugin-boundaries';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import { appLayerElements, appLayerPolicies } from './tools/lint/app-layers.mjs';

/** Which kinds of project may import which: apps never import apps, contracts stay framework-free. */
export const dependencyConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contract', 'type:platform'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contract', 'type:platform'] },
  {
    sourceTag: 'type:contract',
    onlyDependOnLibsWithTags: ['type:contract'],
    bannedExternalImports: [
      '@nestjs/*',
      'typeorm',
      'kafkajs',
      'pg',
      'express',
      'class-validator',
      'class-transformer',
    ],
  },
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:contract', 'type:platform', 'type:tooling'] },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:contract', 'type:platform', 'type:tooling', 'type:testing'],
  },
  {
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:contract', 'type:platform', 'type:tooling', 'type:testing'],
  },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:reports', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:webhook-registry', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:dispatcher', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:ingest', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:system-e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
];

/** Specs may also use the testing lib (real Kafka/PostgreSQL helpers); production code may not. */
const specDependencyConstraints = dependencyConstraints.map((constraint) =>
  constraint.sourceTag.startsWith('type:') && !constraint.onlyDependOnLibsWithTags.includes('type:testing')
    ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:testing'] }
    : constraint,
);

const boundaryRule = (depConstraints) => [
  'error',
  { enforceBuildableLibDependency: false, allow: [], depConstraints },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.stack/', '.nx/', 'coverage/', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': boundaryRule(dependencyConstraints),
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['apps/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': appLayerElements,
      'import/resolver': { node: { extensions: ['.ts'] } },
    },
    rules: { 'boundaries/dependencies': ['error', { default: 'allow', policies: appLayerPolicies }] },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaryRule(specDependencyConstraints),
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);
