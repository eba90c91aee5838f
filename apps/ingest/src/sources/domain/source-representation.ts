import type { Source } from './source';

/** What GET shows instead of a set secret: secrets appear only in the answer to the write that set them. */
export const MASKED_SECRET = '********';

export type SecretVisibility = 'shown' | 'masked';

/** The REST representation, NetBox-style: `url` absolute, `display` = name. */
export function sourceRepresentation(source: Source, url: string, secret: SecretVisibility) {
  return {
    id: source.id,
    url,
    display: source.name,
    name: source.name,
    description: source.description,
    enabled: source.enabled,
    netbox_url: source.netbox_url,
    secret: secret === 'shown' || source.secret === '' ? source.secret : MASKED_SECRET,
    created: source.created,
    last_updated: source.last_updated,
  };
}

export function briefSourceRepresentation(source: Source, url: string) {
  return { id: source.id, url, display: source.name, name: source.name };
}
