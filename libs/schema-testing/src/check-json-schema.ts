/**
 * A small JSON Schema checker for specs: exactly the keywords the AsyncAPI document uses, so that specs
 * can validate real records against it without a validator dependency (ajv is only in node_modules as a
 * transitive dependency of ESLint, so it is not ours to import). A keyword it does not know makes it
 * throw: a schema can never pass a check because a constraint was silently skipped.
 *
 * It depends on nothing in this repository (the contracts' own specs use it, so it must not import them).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [keyword: string]: unknown };

export interface CheckOptions {
  /** The document `$ref`s point into (`#/...`); the schema itself when omitted. */
  root?: unknown;
  /**
   * Also require an object's keys that appear in `properties` to come in the order `properties` lists
   * them: the envelope's wire format fixes key order, which JSON Schema cannot say.
   */
  propertyOrder?: boolean;
}

// Keywords that describe without constraining; `format` included, as `pattern` carries the constraint.
const ANNOTATIONS = new Set(['title', 'description', 'examples', 'format', 'default']);
const CHECKED = new Set([
  '$ref',
  'type',
  'const',
  'enum',
  'pattern',
  'minLength',
  'minimum',
  'maximum',
  'properties',
  'required',
  'additionalProperties',
  'maxProperties',
  'items',
  'uniqueItems',
  'maxItems',
  'oneOf',
]);

/** Every way `value` breaks `schema`, as `<path>: <problem>` lines; empty when it conforms. */
export function checkJsonSchema(schema: unknown, value: unknown, options: CheckOptions = {}): string[] {
  const context: Context = { root: options.root ?? schema, propertyOrder: options.propertyOrder ?? false };
  return check(context, schema, value as Json, '$');
}

interface Context {
  root: unknown;
  propertyOrder: boolean;
}

function check(context: Context, schemaValue: unknown, value: Json, path: string): string[] {
  if (schemaValue === true) return [];
  if (schemaValue === false) return [`${path}: nothing is allowed here`];
  if (!isObject(schemaValue)) throw new Error(`${path}: a schema must be an object or a boolean`);
  const schema = schemaValue as Schema;
  for (const keyword of Object.keys(schema)) {
    if (!CHECKED.has(keyword) && !ANNOTATIONS.has(keyword)) {
      throw new Error(`${path}: keyword "${keyword}" is not supported by this checker`);
    }
  }
  if (schema.$ref !== undefined) {
    const siblings = Object.keys(schema).filter((keyword) => keyword !== '$ref');
    if (siblings.length > 0) throw new Error(`${path}: keywords beside $ref are ignored in draft-07`);
    return check(context, resolve(context.root, schema.$ref as string), value, path);
  }

  const problems: string[] = [];
  if (schema.type !== undefined) {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
    if (!types.some((type) => hasType(value, type))) {
      return [`${path}: expected ${types.join(' or ')}, got ${describe(value)}`];
    }
  }
  if (schema.const !== undefined && !jsonEqual(schema.const as Json, value)) {
    problems.push(`${path}: expected ${JSON.stringify(schema.const)}, got ${JSON.stringify(value)}`);
  }
  if (schema.enum !== undefined && !(schema.enum as Json[]).some((option) => jsonEqual(option, value))) {
    problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (typeof value === 'string') problems.push(...checkString(schema, value, path));
  if (typeof value === 'number') problems.push(...checkNumber(schema, value, path));
  if (Array.isArray(value)) problems.push(...checkArray(context, schema, value, path));
  else if (isObject(value)) problems.push(...checkObject(context, schema, value, path));
  if (schema.oneOf !== undefined) {
    const matching = (schema.oneOf as unknown[]).filter(
      (option) => check(context, option, value, path).length === 0,
    );
    if (matching.length !== 1)
      problems.push(`${path}: matches ${matching.length} of oneOf, expected exactly 1`);
  }
  return problems;
}

function checkString(schema: Schema, value: string, path: string): string[] {
  const problems: string[] = [];
  if (schema.pattern !== undefined && !new RegExp(schema.pattern as string, 'u').test(value)) {
    problems.push(`${path}: ${JSON.stringify(value)} does not match ${String(schema.pattern)}`);
  }
  // JSON Schema counts code points, not UTF-16 units.
  if (schema.minLength !== undefined && [...value].length < (schema.minLength as number)) {
    problems.push(`${path}: shorter than ${String(schema.minLength)}`);
  }
  return problems;
}

function checkNumber(schema: Schema, value: number, path: string): string[] {
  const problems: string[] = [];
  if (schema.minimum !== undefined && value < (schema.minimum as number)) {
    problems.push(`${path}: ${value} is below ${String(schema.minimum)}`);
  }
  if (schema.maximum !== undefined && value > (schema.maximum as number)) {
    problems.push(`${path}: ${value} is above ${String(schema.maximum)}`);
  }
  return problems;
}

function checkArray(context: Context, schema: Schema, value: Json[], path: string): string[] {
  const problems: string[] = [];
  if (schema.maxItems !== undefined && value.length > (schema.maxItems as number)) {
    problems.push(`${path}: more than ${String(schema.maxItems)} items`);
  }
  if (schema.uniqueItems === true) {
    const seen = value.map((item) => canonical(item));
    if (new Set(seen).size !== seen.length) problems.push(`${path}: items are not unique`);
  }
  if (schema.items !== undefined) {
    value.forEach((item, index) => problems.push(...check(context, schema.items, item, `${path}[${index}]`)));
  }
  return problems;
}

function checkObject(
  context: Context,
  schema: Schema,
  value: { [key: string]: Json },
  path: string,
): string[] {
  const problems: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const keys = Object.keys(value);
  for (const name of (schema.required ?? []) as string[]) {
    if (!Object.hasOwn(value, name)) problems.push(`${path}: missing "${name}"`);
  }
  if (schema.maxProperties !== undefined && keys.length > (schema.maxProperties as number)) {
    problems.push(`${path}: more than ${String(schema.maxProperties)} properties`);
  }
  for (const key of keys) {
    const keyPath = `${path}.${key}`;
    if (Object.hasOwn(properties, key))
      problems.push(...check(context, properties[key], value[key], keyPath));
    else if (schema.additionalProperties === false) problems.push(`${path}: unexpected "${key}"`);
    else if (schema.additionalProperties !== undefined) {
      problems.push(...check(context, schema.additionalProperties, value[key], keyPath));
    }
  }
  if (context.propertyOrder) {
    const order = Object.keys(properties);
    const listed = keys.filter((key) => Object.hasOwn(properties, key));
    const expected = [...listed].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    if (listed.join() !== expected.join()) {
      problems.push(`${path}: keys in order ${listed.join(', ')}, expected ${expected.join(', ')}`);
    }
  }
  return problems;
}

function resolve(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${ref}`);
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(target) || !Object.hasOwn(target, key)) throw new Error(`Unresolvable $ref ${ref}`);
    target = (target as Record<string, unknown>)[key];
  }
  return target;
}

function hasType(value: Json, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      throw new Error(`Unknown type ${type}`);
  }
}

function isObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Object key order does not matter for equality in JSON Schema, so objects compare by sorted keys.
function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function jsonEqual(a: Json, b: Json): boolean {
  return canonical(a) === canonical(b);
}

function describe(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isInteger(value)) return `number ${value}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
