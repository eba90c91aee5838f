/** `[model, REST endpoint]`, and `'4.x'` for a model NetBox 3.6 does not have (or not with webhooks). */
type ModelEntry = readonly [model: string, endpoint: string, since?: '4.x'];

/**
 * NetBox's own models that have the webhooks feature (3.6: `FeatureQuery('webhooks')`, every model built
 * on `ChangeLoggedModel` or `NetBoxModel`; 4.x: the `event_rules` feature), by app label. They are the
 * content types a webhook (3.6) or an event rule (4.6) may name besides this system's own, and the object
 * types the NetBox hub (apps/ingest) publishes on `<app_label>.<model>.<event>`. Source: the models and
 * API routers of each NetBox app @ v3.6.9, then the 4.x additions. Order matters: a type's ContentType id
 * is its position (see below), so nothing is inserted or reordered; a later model goes in a new group
 * after `wireless`. `dcim.cabletermination` keeps its place but is a 4.x model: in 3.6 it is a plain
 * `models.Model` without change logging, so NetBox 3.6 refuses it in `content_types`.
 */
const NETBOX_CORE_MODELS: Readonly<Record<string, ReadonlyArray<ModelEntry>>> = {
  circuits: [
    ['circuittype', 'circuit-types'],
    ['circuit', 'circuits'],
    ['circuittermination', 'circuit-terminations'],
    ['provider', 'providers'],
    ['provideraccount', 'provider-accounts'],
    ['providernetwork', 'provider-networks'],
  ],
  core: [['datasource', 'data-sources']],
  dcim: [
    ['cable', 'cables'],
    ['cabletermination', 'cable-terminations', '4.x'],
    ['consoleport', 'console-ports'],
    ['consoleporttemplate', 'console-port-templates'],
    ['consoleserverport', 'console-server-ports'],
    ['consoleserverporttemplate', 'console-server-port-templates'],
    ['device', 'devices'],
    ['devicebay', 'device-bays'],
    ['devicebaytemplate', 'device-bay-templates'],
    ['devicerole', 'device-roles'],
    ['devicetype', 'device-types'],
    ['frontport', 'front-ports'],
    ['frontporttemplate', 'front-port-templates'],
    ['interface', 'interfaces'],
    ['interfacetemplate', 'interface-templates'],
    ['inventoryitem', 'inventory-items'],
    ['inventoryitemrole', 'inventory-item-roles'],
    ['inventoryitemtemplate', 'inventory-item-templates'],
    ['location', 'locations'],
    ['manufacturer', 'manufacturers'],
    ['module', 'modules'],
    ['modulebay', 'module-bays'],
    ['modulebaytemplate', 'module-bay-templates'],
    ['moduletype', 'module-types'],
    ['platform', 'platforms'],
    ['powerfeed', 'power-feeds'],
    ['poweroutlet', 'power-outlets'],
    ['poweroutlettemplate', 'power-outlet-templates'],
    ['powerpanel', 'power-panels'],
    ['powerport', 'power-ports'],
    ['powerporttemplate', 'power-port-templates'],
    ['rack', 'racks'],
    ['rackreservation', 'rack-reservations'],
    ['rackrole', 'rack-roles'],
    ['rearport', 'rear-ports'],
    ['rearporttemplate', 'rear-port-templates'],
    ['region', 'regions'],
    ['site', 'sites'],
    ['sitegroup', 'site-groups'],
    ['virtualchassis', 'virtual-chassis'],
    ['virtualdevicecontext', 'virtual-device-contexts'],
  ],
  extras: [
    ['configcontext', 'config-contexts'],
    ['configtemplate', 'config-templates'],
    ['customfield', 'custom-fields'],
    ['customfieldchoiceset', 'custom-field-choice-sets'],
    ['customlink', 'custom-links'],
    ['exporttemplate', 'export-templates'],
    ['imageattachment', 'image-attachments'],
    ['journalentry', 'journal-entries'],
    ['savedfilter', 'saved-filters'],
    ['tag', 'tags'],
    ['webhook', 'webhooks'],
  ],
  ipam: [
    ['aggregate', 'aggregates'],
    ['asn', 'asns'],
    ['asnrange', 'asn-ranges'],
    ['fhrpgroup', 'fhrp-groups'],
    ['fhrpgroupassignment', 'fhrp-group-assignments'],
    ['ipaddress', 'ip-addresses'],
    ['iprange', 'ip-ranges'],
    ['l2vpn', 'l2vpns'],
    ['l2vpntermination', 'l2vpn-terminations'],
    ['prefix', 'prefixes'],
    ['rir', 'rirs'],
    ['role', 'roles'],
    ['routetarget', 'route-targets'],
    ['service', 'services'],
    ['servicetemplate', 'service-templates'],
    ['vlan', 'vlans'],
    ['vlangroup', 'vlan-groups'],
    ['vrf', 'vrfs'],
  ],
  tenancy: [
    ['contact', 'contacts'],
    ['contactassignment', 'contact-assignments'],
    ['contactgroup', 'contact-groups'],
    ['contactrole', 'contact-roles'],
    ['tenant', 'tenants'],
    ['tenantgroup', 'tenant-groups'],
  ],
  virtualization: [
    ['cluster', 'clusters'],
    ['clustergroup', 'cluster-groups'],
    ['clustertype', 'cluster-types'],
    ['virtualmachine', 'virtual-machines'],
    ['vminterface', 'interfaces'],
  ],
  wireless: [
    ['wirelesslan', 'wireless-lans'],
    ['wirelesslangroup', 'wireless-lan-groups'],
    ['wirelesslink', 'wireless-links'],
  ],
};

/**
 * NetBox 3.7 to 4.6's models with the `event_rules` feature that 3.6 does not have, each after the 3.6
 * ones so that no id moves. `vpn` took over `ipam.l2vpn*` in 4.0; the old names stay accepted, as
 * stored data is the same in both modes.
 */
const NETBOX_4X_MODELS: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>> = {
  circuits: [
    ['circuitgroup', 'circuit-groups'],
    ['circuitgroupassignment', 'circuit-group-assignments'],
    ['virtualcircuit', 'virtual-circuits'],
    ['virtualcircuittermination', 'virtual-circuit-terminations'],
    ['virtualcircuittype', 'virtual-circuit-types'],
  ],
  dcim: [
    ['macaddress', 'mac-addresses'],
    ['moduletypeprofile', 'module-type-profiles'],
    ['racktype', 'rack-types'],
  ],
  extras: [
    ['configcontextprofile', 'config-context-profiles'],
    ['eventrule', 'event-rules'],
    ['notificationgroup', 'notification-groups'],
    ['tableconfig', 'table-configs'],
  ],
  ipam: [
    ['vlantranslationpolicy', 'vlan-translation-policies'],
    ['vlantranslationrule', 'vlan-translation-rules'],
  ],
  virtualization: [['virtualdisk', 'virtual-disks']],
  vpn: [
    ['ikepolicy', 'ike-policies'],
    ['ikeproposal', 'ike-proposals'],
    ['ipsecpolicy', 'ipsec-policies'],
    ['ipsecprofile', 'ipsec-profiles'],
    ['ipsecproposal', 'ipsec-proposals'],
    ['l2vpn', 'l2vpns'],
    ['l2vpntermination', 'l2vpn-terminations'],
    ['tunnel', 'tunnels'],
    ['tunnelgroup', 'tunnel-groups'],
    ['tunneltermination', 'tunnel-terminations'],
  ],
};

/**
 * The models whose background jobs NetBox reports with `job_started` / `job_ended` (NetBox's `jobs`
 * feature): a data source's sync, 3.x's script and report modules, 4.x's scripts, and Validity 3.x's
 * compliance runs (the report is its jobs' object). A job event carries its object's type, not `core.job`.
 */
export const NETBOX_JOB_OBJECT_TYPES = [
  'core.datasource',
  'extras.reportmodule',
  'extras.scriptmodule',
  'extras.script',
  'validity.compliancereport',
] as const;

/** The Validity plugin's models, under NetBox's plugin API path `/api/plugins/validity/`. */
const VALIDITY_MODELS: ReadonlyArray<readonly [string, string]> = [
  ['compliancereport', 'reports'],
  ['compliancetest', 'tests'],
  ['compliancetestresult', 'test-results'],
];

export interface NetBoxObjectType {
  /** `<app_label>.<model>`, e.g. `dcim.device`. */
  name: string;
  appLabel: string;
  model: string;
  /** The REST list path of the model, e.g. `/api/dcim/devices/` or `/api/plugins/validity/reports/`. */
  apiPath: string;
  /** Whether NetBox 3.6 has it with webhooks; otherwise only 4.x event rules may name it. */
  inNetBox36: boolean;
}

// NetBox core ids start here, after this system's own object types (1-5 in object-types.ts).
const FIRST_CORE_CONTENT_TYPE_ID = 101;

/**
 * Every NetBox core model with webhooks (3.6) or event rules (4.x), 3.6's first, in the order above:
 * what the hub places and publishes, whichever NetBox sends it.
 */
export const NETBOX_CORE_OBJECT_TYPES: readonly Readonly<NetBoxObjectType>[] = Object.freeze(
  [
    ...Object.entries(NETBOX_CORE_MODELS).flatMap(([appLabel, models]) =>
      models.map(([model, endpoint, since]) => ({ appLabel, model, endpoint, inNetBox36: since !== '4.x' })),
    ),
    ...Object.entries(NETBOX_4X_MODELS).flatMap(([appLabel, models]) =>
      models.map(([model, endpoint]) => ({ appLabel, model, endpoint, inNetBox36: false })),
    ),
  ].map(({ appLabel, model, endpoint, inNetBox36 }) =>
    Object.freeze({
      name: `${appLabel}.${model}`,
      appLabel,
      model,
      apiPath: `/api/${appLabel}/${endpoint}/`,
      inNetBox36,
    }),
  ),
);

/** NetBox 3.6's webhook-capable core models: exactly what its `content_types` accepts. */
export const NETBOX_36_OBJECT_TYPES: readonly Readonly<NetBoxObjectType>[] = Object.freeze(
  NETBOX_CORE_OBJECT_TYPES.filter((objectType) => objectType.inNetBox36),
);

const VALIDITY_OBJECT_TYPES: readonly Readonly<NetBoxObjectType>[] = VALIDITY_MODELS.map(
  ([model, endpoint]) =>
    Object.freeze({
      name: `validity.${model}`,
      appLabel: 'validity',
      model,
      apiPath: `/api/plugins/validity/${endpoint}/`,
      inNetBox36: true,
    }),
);

/**
 * ContentType id of a NetBox core model in this system: fixed by its position in the list, never reused
 * (NetBox's own ids differ per installation). `undefined` for anything else.
 */
export function netboxCoreContentTypeId(name: string): number | undefined {
  const index = NETBOX_CORE_OBJECT_TYPES.findIndex((objectType) => objectType.name === name);
  return index === -1 ? undefined : FIRST_CORE_CONTENT_TYPE_ID + index;
}

/** The core model with this ContentType id. */
export function netboxCoreObjectTypeById(id: number): Readonly<NetBoxObjectType> | undefined {
  return NETBOX_CORE_OBJECT_TYPES[id - FIRST_CORE_CONTENT_TYPE_ID];
}

const BY_API_PATH = new Map(
  [...NETBOX_CORE_OBJECT_TYPES, ...VALIDITY_OBJECT_TYPES].map((objectType) => [
    objectType.apiPath,
    objectType,
  ]),
);

/**
 * The object type a NetBox `url` names: `/api/dcim/devices/5/` is `dcim.device`,
 * `/api/plugins/validity/reports/29/` is `validity.compliancereport`. Absolute URLs and a NetBox
 * `BASE_PATH` (`/netbox/api/...`) are accepted; the path must end in the object's id. `undefined` when
 * the URL names no model this list knows.
 */
export function objectTypeFromUrl(url: string): Readonly<NetBoxObjectType> | undefined {
  let path: string;
  try {
    path = new URL(url, 'http://netbox.invalid').pathname;
  } catch {
    return undefined;
  }
  const match = /\/api\/((?:plugins\/)?[^/]+\/[^/]+\/)\d+\/$/.exec(path);
  return match === null ? undefined : BY_API_PATH.get(`/api/${match[1]}`);
}
