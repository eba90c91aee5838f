import type { NetBoxErrorStatus } from '../errors/netbox-api.error';
import {
  BRIEF_QUERY,
  filterQuery,
  LIST_QUERY,
  type NetBoxOperationSpec,
  type QueryParameter,
} from '../openapi/netbox-operation.openapi';
import { fullOrBrief, paginatedList, schemaRef, type Schema } from '../openapi/openapi-schema';
import type { OptionsMetadataSpec } from '../options/options-metadata';

/**
 * Everything the kit needs to know about one NetBox resource, declared once beside its controller: the
 * OpenAPI operations of its routes and its OPTIONS answer are derived from it, so a new resource is a
 * declaration, a controller of delegations and its own use cases.
 */
export interface NetBoxResourceSpec {
  /** The Nest controller's class name: OpenAPI operation ids are `<controller>_<handler>`. */
  controller: string;
  /** The list route's path, without slashes at either end: `api/plugins/validity/tests`. */
  path: string;
  /** Lower-case names for summaries: `compliance test` / `compliance tests`. */
  singular: string;
  plural: string;
  /** The full representation (the answer to a write) and the brief one (`?brief=1`), where there is one. */
  representation: Schema;
  brief?: Schema;
  /** The list's filters besides `id`, which every NetBox list has (pagination and `brief` are added). */
  filters: readonly QueryParameter[];
  /** The largest `{id}` a detail route reads (`@ObjectId`); default: the largest exact JS integer. */
  maxId?: number;
  /** What the kit's list route documents differently from the usual. */
  listOperation?: OperationOverrides;
  /** Documents NetBox's 405 to POST on a detail route (the catch-all answers it either way). */
  documentPostOnDetail?: boolean;
  /** Component schema names of the create/replace body and of the PATCH body. */
  writable?: string;
  patched?: string;
  /**
   * Writes go through an event stream with an expected version (and unique names): they may answer 409.
   * NetBox itself never does; it is the optimistic concurrency this system adds.
   */
  conflicts?: boolean;
  /**
   * DRF's metadata for `OPTIONS` on the list route, and its OpenAPI summary when not the usual one;
   * none = no OPTIONS handler of the kit.
   */
  options?: OptionsMetadataSpec & { summary?: string };
}

/** One route's OpenAPI operation, with whatever a resource answers differently from the usual. */
export type OperationOverrides = Partial<NetBoxOperationSpec>;

/** The detail routes a created object's `id` leads to (OpenAPI links). */
export type DetailHandler = 'get' | 'replace' | 'modify' | 'remove' | 'optionsOne';

/** A declared resource: its spec and the OpenAPI operation of each standard route. */
export class NetBoxResource {
  /** What a read answers: the full representation, or the brief one when asked for. */
  readonly representationOrBrief: Schema;
  /** The list's query parameters: pagination, `brief`, `id` and the declared filters. */
  readonly listQuery: readonly QueryParameter[];

  constructor(readonly spec: NetBoxResourceSpec) {
    const { representation, brief } = spec;
    this.representationOrBrief = brief === undefined ? representation : fullOrBrief(representation, brief);
    this.listQuery = [...LIST_QUERY, BRIEF_QUERY, ...this.filterQuery()];
  }

  /** The filters alone, `id` first: for routes that select what the list would (a bulk action). */
  filterQuery(): QueryParameter[] {
    return [filterQuery('id', { type: 'integer' }), ...this.spec.filters];
  }

  list(overrides: OperationOverrides = {}): NetBoxOperationSpec {
    return {
      summary: `List ${this.spec.plural}`,
      query: this.listQuery,
      success: { status: 200, schema: paginatedList(this.representationOrBrief) },
      errors: [400, 403],
      ...overrides,
    };
  }

  create(
    overrides: OperationOverrides = {},
    links: readonly DetailHandler[] = ['get', 'replace', 'modify', 'remove'],
  ): NetBoxOperationSpec {
    return {
      summary: `Create ${this.withArticle()}`,
      ...this.body(this.spec.writable),
      success: { status: 201, schema: this.spec.representation, links: this.links(links) },
      errors: this.writeErrors([400, 403, 413, 415]),
      ...overrides,
    };
  }

  get(overrides: OperationOverrides = {}): NetBoxOperationSpec {
    return {
      summary: `Get ${this.withArticle()}`,
      query: [BRIEF_QUERY],
      success: { status: 200, schema: this.representationOrBrief },
      errors: [403, 404],
      ...overrides,
    };
  }

  replace(overrides: OperationOverrides = {}): NetBoxOperationSpec {
    return {
      summary: `Replace ${this.withArticle()}`,
      ...this.body(this.spec.writable),
      success: { status: 200, schema: this.spec.representation },
      errors: this.writeErrors([400, 403, 404, 413, 415]),
      ...overrides,
    };
  }

  modify(overrides: OperationOverrides = {}): NetBoxOperationSpec {
    return {
      summary: `Change fields of ${this.withArticle()}`,
      ...this.body(this.spec.patched),
      success: { status: 200, schema: this.spec.representation },
      errors: this.writeErrors([400, 403, 404, 413, 415]),
      ...overrides,
    };
  }

  remove(overrides: OperationOverrides = {}): NetBoxOperationSpec {
    return {
      summary: `Delete ${this.withArticle()}`,
      success: { status: 204, schema: null },
      errors: this.writeErrors([403, 404]),
      ...overrides,
    };
  }

  options(overrides: OperationOverrides = {}): NetBoxOperationSpec {
    return {
      summary: 'Field metadata and choices (DRF metadata)',
      success: { status: 200, schema: schemaRef('NetBoxOptions') },
      errors: [403],
      ...overrides,
    };
  }

  /** OpenAPI link names for a created object's detail routes. */
  links(handlers: readonly DetailHandler[]): string[] {
    return handlers.map((handler) => `${this.spec.controller}_${handler}`);
  }

  private body(name: string | undefined): Pick<NetBoxOperationSpec, 'body'> {
    return name === undefined ? {} : { body: schemaRef(name) };
  }

  /** 409 sorts after 404 and before 413, as every error list is in ascending order. */
  private writeErrors(errors: NetBoxErrorStatus[]): NetBoxErrorStatus[] {
    if (!this.spec.conflicts) return errors;
    return [...errors, 409].sort((a, b) => a - b) as NetBoxErrorStatus[];
  }

  private withArticle(): string {
    return `${/^[aeiou]/i.test(this.spec.singular) ? 'an' : 'a'} ${this.spec.singular}`;
  }
}

export function netboxResource(spec: NetBoxResourceSpec): NetBoxResource {
  return new NetBoxResource(spec);
}
