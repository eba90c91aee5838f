import type { ConditionSet } from './condition-set';
import { OPERATORS } from './condition-set';
import { evaluateConditionSet } from './evaluate-condition-set';
import { isEmptyConditions } from './is-empty-conditions';
import { parseConditionSet } from './parse-condition-set';

/** mulberry32: a small seeded generator, so a failure reproduces. */
function randomGenerator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['and', 'or', 'AND', 'attr', 'value', 'op', 'negate', 'tags', 'slug', 'status', 'x', ''];
const STRINGS = [
  '',
  'a',
  'ab',
  'tags.slug',
  'status.value',
  '.',
  'x..y',
  '(',
  '[a-',
  '\\',
  '(?P<n>a)(?P=n)',
  'a{2,1}',
  'é😀',
  '\ud800',
];
const REGEX_PIECES = [
  'a',
  '.',
  '*',
  '+',
  '?',
  '{2}',
  '(',
  ')',
  '[',
  ']',
  '^',
  '$',
  '|',
  '\\d',
  '\\b',
  '(?P<g>',
  '(?P=g)',
  '(?=',
  '(?<=',
  '(?i)',
  '\\',
  '\\1',
  '{,3}',
];

function generators(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const scalar = (): unknown =>
    pick([null, true, false, 0, 1, -1, 1.5, 2 ** 53, Number.NaN, pick(STRINGS), pick(OPERATORS)]);
  const regex = (): string =>
    Array.from({ length: Math.floor(random() * 6) }, () => pick(REGEX_PIECES)).join('');
  const json = (depth: number): unknown => {
    const roll = random();
    if (depth > 4 || roll < 0.4) return roll < 0.1 ? regex() : scalar();
    if (roll < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => json(depth + 1));
    if (roll < 0.75) return conditionLike(depth + 1);
    return Object.fromEntries(
      Array.from({ length: Math.floor(random() * 4) }, () => [pick(KEYS), json(depth + 1)]),
    );
  };
  const conditionLike = (depth: number): unknown => {
    const fields: Record<string, unknown> = {
      attr: random() < 0.9 ? pick(STRINGS) : json(depth),
      value: json(depth),
    };
    if (random() < 0.7) fields['op'] = random() < 0.9 ? pick(OPERATORS) : json(depth);
    if (random() < 0.3) fields['negate'] = random() < 0.8 ? random() < 0.5 : json(depth);
    if (fields['op'] === 'regex' && random() < 0.8) fields['value'] = regex();
    return fields;
  };
  const conditionSet = (depth: number): unknown => ({
    [random() < 0.9 ? pick(['and', 'or']) : pick(KEYS)]: Array.from(
      { length: Math.floor(random() * 4) },
      () =>
        depth < 3 && random() < 0.3
          ? conditionSet(depth + 1)
          : random() < 0.9
            ? conditionLike(depth)
            : json(depth),
    ),
  });
  return { json, conditionSet };
}

describe('robustness', () => {
  it('parses 1,000 random inputs and evaluates what parses against random data without throwing', () => {
    const random = randomGenerator(20240601);
    const { json, conditionSet } = generators(random);
    const parsed: ConditionSet[] = [];
    for (let index = 0; index < 1000; index += 1) {
      const input = random() < 0.8 ? conditionSet(0) : json(0);
      expect(() => isEmptyConditions(input)).not.toThrow();
      const result = parseConditionSet(input);
      if (result.ok) parsed.push(result.conditionSet);
      else expect(result.message).toEqual(expect.any(String));
    }
    expect(parsed.length).toBeGreaterThan(100);

    for (const set of parsed) {
      for (let round = 0; round < 5; round += 1) {
        const result = evaluateConditionSet(set, json(0));
        expect(result.ok ? typeof result.matched : typeof result.error).toMatch(/^(boolean|string)$/);
      }
    }
  });
});
