/** The services that publish to Kafka; each object type has exactly one producer. */
export type ServiceName = 'reports' | 'webhook-registry' | 'users' | 'dispatcher' | 'ingest';

interface ObjectTypeTraits {
  /**
   * The NetBox ContentType id of the model in this system: fixed, never reused. NetBox ids are per
   * installation; these are what the webhook API's `content_type_id` filter and snapshots use.
   */
  contentTypeId: number;
  producer: ServiceName;
  /** Whether outside consumers may see it (public topics, webhook `content_types`). */
  public: boolean;
  /** Whether changes produce `created`/`updated`/`deleted` events and so have event topics. */
  emitsEvents: boolean;
}

// The registry: adding a model is one line here. Keys are NetBox's `<app_label>.<model>` content types.
const REGISTRY = {
  'validity.compliancereport': { contentTypeId: 1, producer: 'reports', public: true, emitsEvents: true },
  'validity.compliancetest': { contentTypeId: 2, producer: 'reports', public: true, emitsEvents: true },
  // Validity bulk-inserts results, which fires no model signals, so NetBox never sends events for them.
  'validity.compliancetestresult': {
    contentTypeId: 3,
    producer: 'reports',
    public: true,
    emitsEvents: false,
  },
  'extras.webhook': { contentTypeId: 4, producer: 'webhook-registry', public: true, emitsEvents: true },
  'users.token': { contentTypeId: 5, producer: 'users', public: false, emitsEvents: false },
  'validity.complianceselector': { contentTypeId: 6, producer: 'reports', public: true, emitsEvents: true },
} as const satisfies Record<`${string}.${string}`, ObjectTypeTraits>;

type Registry = typeof REGISTRY;

/** A NetBox content type this system knows, e.g. `validity.compliancereport`. */
export type ObjectType = keyof Registry;

/** The object types whose changes are published as envelopes. */
export type EventObjectType = {
  [Type in ObjectType]: Registry[Type]['emitsEvents'] extends true ? Type : never;
}[ObjectType];

export interface ObjectTypeDefinition extends ObjectTypeTraits {
  name: ObjectType;
  appLabel: string;
  /** Lower-case model name, as in the envelope's `model`. */
  model: string;
}

export const OBJECT_TYPES: Readonly<Record<ObjectType, Readonly<ObjectTypeDefinition>>> = Object.freeze(
  Object.fromEntries(
    (Object.keys(REGISTRY) as ObjectType[]).map((name) => {
      const [appLabel, model] = name.split('.');
      return [name, Object.freeze({ name, appLabel, model, ...REGISTRY[name] })];
    }),
  ) as Record<ObjectType, ObjectTypeDefinition>,
);

export function isKnownObjectType(value: string): value is ObjectType {
  return Object.hasOwn(OBJECT_TYPES, value);
}
