/** A NetBox instance allowed to post its webhooks to `POST /api/ingest/netbox/{name}/`. */
export interface Source {
  id: number;
  /** Part of the ingest URL NetBox's webhook points at. */
  name: string;
  description: string;
  /** The secret NetBox's webhook signs with (`X-Hook-Signature`, HMAC-SHA512 of the body). */
  secret: string;
  enabled: boolean;
  /** The NetBox's base URL (`https://netbox.example.com`), so consumers can resolve its relative `url`s. */
  netbox_url: string;
  created: string;
  last_updated: string;
}

/** The fields a client writes. */
export type SourceFields = Pick<Source, 'name' | 'description' | 'secret' | 'enabled' | 'netbox_url'>;

export const SOURCE_DEFAULTS: Omit<SourceFields, 'name' | 'secret'> = {
  description: '',
  enabled: true,
  netbox_url: '',
};
