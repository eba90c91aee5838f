import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const { version } = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'),
) as {
  version: string;
};

/** Names the product in every request, as NetBox's `python-urllib3/<version>` names its client. */
export const USER_AGENT = `validity-events/${version}`;
