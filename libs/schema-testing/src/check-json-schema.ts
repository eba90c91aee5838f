import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * JSON Schema checks for specs, by ajv (draft-07, the dialect AsyncAPI 3.0 schemas build on) with
 * ajv-formats. Strict schema mode makes a keyword ajv does not know throw, so a schema can never pass a
 * check because a constraint was silently skipped. Problems come back as `<path>: <problem>` lines, the
 * path in JSONPath style (`$.data.results[0]`), so a failing spec names the field.
 *
 * Key order is the one check done here by hand: the envelope's wire format fixes it and JSON Schema
 * cannot say it.
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

/** Every way `value` breaks `schema`, as `<path>: <problem>` lines; empty when it conforms. */
export function checkJsonSchema(schema: unknown, value: unknown, options: CheckOptions = {}): string[] {
  const checker = checkerFor(options.root ?? schema);
  const validate = checker.validatorFor(schema);
  const problems = validate(value) ? [] : (validate.errors ?? []).map((error) => describeError(error, value));
  if (options.propertyOrder) problems.push(...keyOrderProblems(checker, schema, value as Json, '$'));
  return problems;
}

interface Checker {
  root: unknown;
  validatorFor(schema: unknown): ValidateFunction;
}

const checkers = new WeakMap<object, Checker>();
// Boolean schemas have no `$ref`s and cannot key a WeakMap: they share one checker.
const BOOLEAN_ROOT = {};
let rootCount = 0;

/**
 * One ajv per root document: the root is registered under its own id and every local `$ref` of a checked
 * schema is pointed into it, so a part of a document (a message's payload) is checked with the document's
 * `components` in reach, and each part is compiled once. The root sits under `definitions` because ajv
 * compiles the schema a `$ref` names, and a document such as AsyncAPI's is no schema itself.
 */
function checkerFor(root: unknown): Checker {
  const key = isObject(root) ? root : BOOLEAN_ROOT;
  let checker = checkers.get(key);
  if (checker === undefined) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strictSchema: true, strictTypes: false });
    addFormats(ajv);
    const rootId = `urn:schema-testing:root:${++rootCount}`;
    if (isObject(root)) ajv.addSchema({ definitions: { document: anchored(root, rootId) } }, rootId);
    const compiled = new WeakMap<object, ValidateFunction>();
    checker = {
      root,
      validatorFor(schema) {
        if (!isObject(schema)) return ajv.compile(schema as boolean);
        let validate = compiled.get(schema);
        if (validate === undefined) {
          validate = ajv.compile(anchored(schema, rootId) as Schema);
          compiled.set(schema, validate);
        }
        return validate;
      },
    };
    checkers.set(key, checker);
  }
  return checker;
}

/** The schema (or root) with each local `$ref` (`#/...`) made absolute, into the registered root. */
function anchored(schema: unknown, rootId: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => anchored(item, rootId));
  if (!isObject(schema)) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([keyword, value]) => [
      keyword,
      keyword === '$ref' && typeof value === 'string' && value.startsWith('#')
        ? `${rootId}#/definitions/document${value.slice(1)}`
        : anchored(value, rootId),
    ]),
  );
}

function describeError(error: ErrorObject, instance: unknown): string {
  const path = jsonPath(instance, error.instancePath);
  const data = error.data as Json;
  const schema = error.schema as Json;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `${path}: expected ${[schema].flat().join(' or ')}, got ${describe(data)}`;
    case 'const':
      return `${path}: expected ${JSON.stringify(schema)}, got ${JSON.stringify(data)}`;
    case 'enum':
      return `${path}: ${JSON.stringify(data)} is not one of ${JSON.stringify(schema)}`;
    case 'pattern':
      return `${path}: ${JSON.stringify(data)} does not match ${String(schema)}`;
    case 'format':
      return `${path}: ${JSON.stringify(data)} is not a ${String(schema)}`;
    case 'required':
      return `${path}: missing "${String(params.missingProperty)}"`;
    case 'additionalProperties':
      return `${path}: unexpected "${String(params.additionalProperty)}"`;
    case 'minimum':
      return `${path}: ${String(data)} is below ${String(schema)}`;
    case 'maximum':
      return `${path}: ${String(data)} is above ${String(schema)}`;
    case 'oneOf': {
      const passing = params.passingSchemas as number[] | null;
      return `${path}: matches ${passing?.length ?? 0} of oneOf, expected exactly 1`;
    }
    case 'false schema':
      return `${path}: nothing is allowed here`;
    default:
      return `${path}: ${error.message ?? error.keyword}`;
  }
}

/** The JSON Pointer ajv reports as a JSONPath, telling array indexes from keys by the instance. */
function jsonPath(instance: unknown, pointer: string): string {
  let path = '$';
  let node = instance;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    path += Array.isArray(node) ? `[${key}]` : `.${key}`;
    node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return path;
}

/**
 * Keys listed in `properties` out of that order, wherever the schema applies to an object: through
 * `$ref`, `properties`, `additionalProperties`, `items` and the `allOf`/`anyOf`/`oneOf` branches the
 * value matches.
 */
function keyOrderProblems(checker: Checker, schemaValue: unknown, value: Json, path: string): string[] {
  if (!isObject(schemaValue)) return [];
  const schema = schemaValue as Schema;
  const problems: string[] = [];
  const walk = (subschema: unknown, subvalue: Json, subpath: string) =>
    problems.push(...keyOrderProblems(checker, subschema, subvalue, subpath));

  if (typeof schema.$ref === 'string') walk(resolveLocalRef(checker.root, schema.$ref), value, path);
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    for (const branch of (schema[keyword] ?? []) as unknown[]) {
      if (checker.validatorFor(branch)(value)) walk(branch, value, path);
    }
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, index) => {
      const itemSchema = Array.isArray(schema.items) ? (schema.items as unknown[])[index] : schema.items;
      walk(itemSchema, item, `${path}[${index}]`);
    });
  }
  if (isObject(value)) {
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    const keys = Object.keys(value);
    for (const key of keys) {
      if (Object.hasOwn(properties, key)) walk(properties[key], value[key], `${path}.${key}`);
      else walk(schema.additionalProperties, value[key], `${path}.${key}`);
    }
    const order = Object.keys(properties);
    const listed = keys.filter((key) => Object.hasOwn(properties, key));
    const expected = [...listed].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    if (listed.join() !== expected.join()) {
      problems.push(`${path}: keys in order ${listed.join(', ')}, expected ${expected.join(', ')}`);
    }
  }
  return problems;
}

/** The node a local `$ref` (`#/a/b`) points at in `root`; throws when there is none. */
export function resolveLocalRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${ref}`);
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(target) || !Object.hasOwn(target, key)) throw new Error(`Unresolvable $ref ${ref}`);
    target = target[key];
  }
  return target;
}

function isObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isInteger(value)) return `number ${value}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
