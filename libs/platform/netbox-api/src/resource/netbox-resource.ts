import type { NetBoxErrorStatus } from '../errors/netbox-api.error';
import {
  BRIEF_QUERY,
  filterQuery,
  LIST_QUERY,
  type NetBoxOperationSpec,
  type QueryParameter,
} from '../openapi/netbox-operation.openapi';
import { fullOrBrief, listOf, paginatedList, schemaRef, type Schema } from '../openapi/openapi-schema';
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
  /**
   * Component schema names of the create/replace body and of the PATCH body; a resource with `bulk` also
   * has `Bulk<writable>`, `PatchedBulk<writable>` and `Bulk<name>Id` (`writableSchemas` builds them).
   */
  writable?: string;
  patched?: string;
  /**
   * The write routes the kit derives from the controller's `writes` (`ResourceWrites`), each with what
   * its OpenAPI operation says differently from the usual: POST on the list route, PUT, PATCH and DELETE
   * on the detail route.
   */
  writes?: WriteRoutes;
  /**
   * NetBox's bulk writes: PUT, PATCH and DELETE on the list route take a list of items, each with its
   * `id`, all or none (unknown ids are skipped); with `create`, POST takes a list body too. The
   * controller's `writes` are then `BulkResourceWrites`.
   */
  bulk?: BulkRoutes;
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
  /** `OPTIONS` on the detail route too, from the list's metadata (as NetBox's model viewsets answer). */
  instanceOptions?: boolean;
}

/** One route's OpenAPI operation, with whatever a resource answers differently from the usual. */
export type OperationOverrides = Partial<NetBoxOperationSpec>;

/** A create's overrides, and the detail routes its answer's `id` leads to. */
export type CreateOverrides = OperationOverrides & { links?: readonly DetailHandler[] };

export interface WriteRoutes {
  create?: CreateOverrides;
  replace?: OperationOverrides;
  modify?: OperationOverrides;
  remove?: OperationOverrides;
}

export interface BulkRoutes {
  /** POST takes a list body too; else a list body is one object's body, as DRF reads it. */
  create?: boolean;
  replace?: OperationOverrides;
  modify?: OperationOverrides;
  remove?: OperationOverrides;
}

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

  /** A create; a `success` override keeps the derived parts it does not name (the links). */
  create(
    overrides: OperationOverrides = {},
    links: readonly DetailHandler[] = ['get', 'replace', 'modify', 'remove'],
  ): NetBoxOperationSpec {
    const { writable, representation, bulk } = this.spec;
    const created = { status: 201 as const, links: this.links(links) };
    const single: NetBoxOperationSpec = {
      summary: `Create ${this.withArticle()}`,
      ...this.body(writable),
      success: { ...created, schema: representation },
      errors: this.writeErrors([400, 403, 413, 415]),
    };
    const many: Partial<NetBoxOperationSpec> = bulk?.create
      ? {
          summary: `${single.summary}, or with a list body several at once (all or none)`,
          body: { anyOf: [schemaRef(writable!), listOf(schemaRef(writable!))] },
          success: { ...created, schema: { anyOf: [representation, listOf(representation)] } },
        }
      : {};
    const success = { ...(many.success ?? single.success!), ...overrides.success };
    return { ...single, ...many, ...overrides, success };
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

  /** Bulk PUT on the list route (an unknown id is skipped, never a 404). */
  replaceMany(overrides: OperationOverrides = {}): NetBoxOperationSpec {
    return {
      summary: `Replace several ${this.spec.plural} (bulk, each item with its id)`,
      body: listOf(schemaRef(`Bulk${this.spec.writable}`)),
      success: { status: 200, schema: listOf(this.spec.representation) },
      errors: this.writeErrors([400, 403, 413, 415]),
      ...overrides,
    };
  }

  modifyMany(overrides: OperationOverrides = {}): NetBoxOperationSpec {
    return {
      summary: `Change fields of several ${this.spec.plural} (bulk, each item with its id)`,
      body: listOf(schemaRef(`PatchedBulk${this.spec.writable}`)),
      success: { status: 200, schema: listOf(this.spec.representation) },
      errors: this.writeErrors([400, 403, 413, 415]),
      ...overrides,
    };
  }

  removeMany(overrides: OperationOverrides = {}): NetBoxOperationSpec {
    return {
      summary: `Delete several ${this.spec.plural} (bulk)`,
      body: listOf(schemaRef(`Bulk${this.spec.writable!.replace(/^Writable/, '')}Id`)),
      success: { status: 204, schema: null },
      errors: this.writeErrors([400, 403, 413, 415]),
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

  optionsOne(): NetBoxOperationSpec {
    return this.options({
      summary: `Field metadata of ${this.withArticle()} (DRF metadata)`,
      errors: [403, 404],
    });
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
