import { spawnSync } from 'node:child_process';
import {
  PythonTypeError,
  pythonCompare,
  pythonContains,
  pythonEquals,
  pythonLength,
  pythonRepr,
  pythonStr,
  pythonStrip,
  pythonTruthy,
  pythonTypeName,
} from './index';

/**
 * Checks the Python-values module against the real CPython on generated values: every case goes to one
 * `python3` process as JSON, which answers what Python makes of it. Numbers follow this module's model:
 * a value is the double JavaScript holds, and an integral one is an `int` (JavaScript cannot tell the
 * JSON float `1.0` from `1`, nor `-0.0` from `0`, nor `1e16` from `10000000000000000`), so Python is
 * given the same double, as an int where it is integral.
 */

const PYTHON = String.raw`
import json, sys
def model(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        double = float(value)
        return int(double) if double.is_integer() else double
    if isinstance(value, list):
        return [model(item) for item in value]
    if isinstance(value, dict):
        return {key: model(item) for key, item in value.items()}
    return value
def outcome(operation):
    try:
        return operation()
    except TypeError as error:
        return 'TypeError: ' + str(error)
values = [model(value) for value in json.loads(sys.stdin.buffer.read().decode('utf-8', 'surrogatepass'))]
answers = []
for value in values:
    answer = {'repr': repr(value), 'str': str(value), 'bool': bool(value), 'type': type(value).__name__}
    if isinstance(value, str):
        answer['strip'] = value.strip()
        answer['len'] = len(value)
    answers.append(answer)
# Each value with the next one: distinct objects, so Python's identity shortcut (a list holding the
# very same nan equals itself) never applies.
pairs = [
    {'eq': a == b, 'lt': outcome(lambda: a < b), 'in': outcome(lambda: a in b)}
    for a, b in zip(values, values[1:])
]
sys.stdout.write(json.dumps({'values': answers, 'pairs': pairs}))
`;

interface PairAnswer {
  eq: boolean;
  lt: boolean | string;
  in: boolean | string;
}

interface Answer {
  repr: string;
  str: string;
  bool: boolean;
  type: string;
  strip?: string;
  len?: number;
}

const EDGE_CASES: unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  -17,
  1.5,
  1e-5,
  -2.5e-7,
  0.0001,
  1e16,
  1e21,
  1e300,
  5e-324,
  123456789012345.6,
  0.1 + 0.2,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  2 ** 53,
  '',
  "it's",
  'say "hi"',
  'both \' and "',
  'back\\slash',
  'tab\there\nnl\rcr\v\f',
  '\u0000\u001f\u007f\u0080\u009f\u00a0\u00ad',
  'café 中文 😀',
  '\u200b\u2028\u2029\u3000\ufeff',
  '\ud800',
  'a\udc00b',
  '\u{e0001}\u{10ffff}',
  ' \t\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u202f\u205f\u3000 name \u3000\x85',
  '\u200b name \u180e',
  [],
  [1, 'a', null, [true, 1e-5]],
  {},
  { a: 1, "it's": [null, { c: 'd' }], '\ud800': -0.5 },
];

// A fixed seed, so a failure names the same case on every run.
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const random = generator(15);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const CHARACTERS = [
  ...'aZ 09\'"\\\t\n\r\x00\x07\x1b\x7f\x85\xa0\xad',
  '\u1680',
  '\u2000',
  '\u2028',
  '\u200e',
  '\u3000',
  '\ud7ff',
  '\ud800',
  '\udfff',
  '\ue000',
  '\ufdd0',
  '\ufffe',
  'é',
  '中',
  '😀',
  '\u{1d400}',
  '\u{e0100}',
];

function randomNumber(): number {
  const mantissa = (random() - 0.5) * 20;
  const shape = random();
  if (shape < 0.3) return Math.round(mantissa * 1000);
  return mantissa * 10 ** Math.floor(random() * 44 - 22);
}

function randomString(): string {
  return Array.from({ length: Math.floor(random() * 8) }, () => pick(CHARACTERS)).join('');
}

function randomValue(depth: number): unknown {
  const roll = random();
  if (roll < 0.1) return pick([null, true, false]);
  if (roll < 0.4) return randomNumber();
  if (roll < 0.75 || depth > 3) return randomString();
  if (roll < 0.88) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(depth + 1));
  return Object.fromEntries(
    Array.from({ length: Math.floor(random() * 4) }, () => [randomString(), randomValue(depth + 1)]),
  );
}

const CASES = [...EDGE_CASES, ...Array.from({ length: 400 }, () => randomValue(0))];

/** JSON as Python's `json` module reads it, with its `NaN` and `Infinity` literals. */
function pythonJson(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    if (Number.isNaN(value)) return 'NaN';
    return value > 0 ? 'Infinity' : '-Infinity';
  }
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .map(([key, member]) => `${JSON.stringify(key)}:${pythonJson(member)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function askCPython(values: readonly unknown[]): { values: Answer[]; pairs: PairAnswer[] } {
  const run = spawnSync('python3', ['-c', PYTHON], { input: pythonJson(values), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.error?.message ?? run.stderr}`);
  return JSON.parse(run.stdout) as { values: Answer[]; pairs: PairAnswer[] };
}

/** What Python's operator answers, or its TypeError as the Python emulation raises it. */
function outcome(operation: () => boolean): boolean | string {
  try {
    return operation();
  } catch (error) {
    if (error instanceof PythonTypeError) return `TypeError: ${error.message}`;
    throw error;
  }
}

// One python3 process answers every case and pair.
const cpython = askCPython(CASES);

describe('the Python-values module against CPython', () => {
  const answers = cpython.values;

  it('was answered for every generated case', () => {
    expect([answers.length, cpython.pairs.length]).toEqual([CASES.length, CASES.length - 1]);
  });

  it.each(CASES.map((value, index) => [pythonJson(value), value, index] as const))(
    'agrees with CPython on %s',
    (_json, value, index) => {
      const answer = answers[index];
      const ours: Answer = {
        repr: pythonRepr(value),
        str: pythonStr(value),
        bool: pythonTruthy(value),
        type: pythonTypeName(value),
      };
      if (typeof value === 'string') {
        ours.strip = pythonStrip(value);
        ours.len = pythonLength(value);
      }
      expect(ours).toEqual(answer);
    },
  );
});

describe('==, < and in against CPython, each generated value with the next', () => {
  const { pairs } = cpython;

  it.each(
    pairs.map((_answer, index) => [pythonJson(CASES[index]), pythonJson(CASES[index + 1]), index] as const),
  )('agrees with CPython on %s and %s', (_a, _b, index) => {
    const [a, b] = [CASES[index], CASES[index + 1]];
    expect({
      eq: pythonEquals(a, b),
      lt: outcome(() => pythonCompare(a, b, '<') < 0),
      in: outcome(() => pythonContains(b, a)),
    }).toEqual(pairs[index]);
  });
});
