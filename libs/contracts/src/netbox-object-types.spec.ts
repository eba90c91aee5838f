import {
  NETBOX_36_OBJECT_TYPES,
  NETBOX_CORE_OBJECT_TYPES,
  netboxCoreContentTypeId,
  netboxCoreObjectTypeById,
  objectTypeFromUrl,
} from './netbox-object-types';
import {
  EVENT_RULE_OBJECT_TYPES,
  WEBHOOK_CONTENT_TYPES,
  webhookContentTypeId,
} from './webhook-content-types';

const names = (list: readonly { name: string }[]) => list.map((objectType) => objectType.name);

describe('NetBox core object types', () => {
  it("leaves out of NetBox 3.6's list what 3.6 has no webhooks for (cable terminations, 4.x models)", () => {
    expect(names(NETBOX_36_OBJECT_TYPES)).not.toContain('dcim.cabletermination');
    expect(names(NETBOX_36_OBJECT_TYPES)).not.toContain('vpn.tunnel');
    expect(names(NETBOX_36_OBJECT_TYPES)).toContain('ipam.l2vpn');
    expect(names(WEBHOOK_CONTENT_TYPES)).not.toContain('dcim.cabletermination');
    expect(NETBOX_36_OBJECT_TYPES).toHaveLength(90);
  });

  it("lets 4.6 event rules name 4.x's models as well as every 3.6 one", () => {
    const eventRuleTypes = names(EVENT_RULE_OBJECT_TYPES);
    expect(eventRuleTypes).toEqual(expect.arrayContaining(names(WEBHOOK_CONTENT_TYPES)));
    expect(eventRuleTypes).toEqual(
      expect.arrayContaining(['dcim.cabletermination', 'dcim.macaddress', 'vpn.tunnel', 'extras.eventrule']),
    );
  });

  it("keeps every 3.6 model's id and numbers the 4.x additions after them", () => {
    // Ids are part of the API (content_types in snapshots, ?content_type_id=): pinned here.
    expect(netboxCoreContentTypeId('circuits.circuittype')).toBe(101);
    expect(netboxCoreContentTypeId('dcim.device')).toBe(114);
    expect(netboxCoreContentTypeId('wireless.wirelesslink')).toBe(191);
    const last36 = Math.max(...NETBOX_36_OBJECT_TYPES.map((type) => netboxCoreContentTypeId(type.name)!));
    const added = NETBOX_CORE_OBJECT_TYPES.filter(
      (type) => !type.inNetBox36 && type.name !== 'dcim.cabletermination',
    );
    expect(added.every((type) => netboxCoreContentTypeId(type.name)! > last36)).toBe(true);
    expect(netboxCoreObjectTypeById(webhookContentTypeId('vpn.tunnel')!)?.name).toBe('vpn.tunnel');
  });

  it.each([
    ['/api/vpn/tunnels/3/', 'vpn.tunnel'],
    ['http://netbox.example/api/dcim/mac-addresses/9/', 'dcim.macaddress'],
    ['/api/dcim/cable-terminations/1/', 'dcim.cabletermination'],
  ])('places %s as %s', (url, name) => {
    expect(objectTypeFromUrl(url)?.name).toBe(name);
  });
});
