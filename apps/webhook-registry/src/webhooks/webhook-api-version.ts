/** Nest token of the NetBox the webhook API speaks (`NETBOX_API_VERSION`): `'3.6'` or `'4.6'`. */
export const WEBHOOK_API_VERSION = Symbol('WEBHOOK_API_VERSION');
