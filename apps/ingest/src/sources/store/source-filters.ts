import {
  booleanFilter,
  dateTimeFilter,
  numberFilter,
  searchFilter,
  stringFilter,
  type FilterSet,
} from '@validity/platform/netbox-api';

/** NetBox-style filters over the `sources` table aliased `s` (no filter on the secret). */
export const SOURCE_FILTERS: FilterSet = {
  id: numberFilter('s.id'),
  name: stringFilter('s.name'),
  description: stringFilter('s.description'),
  netbox_url: stringFilter('s.netbox_url'),
  enabled: booleanFilter('s.enabled'),
  created: dateTimeFilter('s.created'),
  last_updated: dateTimeFilter('s.last_updated'),
  q: searchFilter(['s.name', 's.description']),
};
