import { MASKED_SECRET, maskedHeaderValues, maskedUrlPassword } from '@validity/contracts';

/** `scheme://user:` + password + `@`, as `maskedUrlPassword` reads it. */
const URL_PASSWORD = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#@:]*:)([^/?#@]+)@/;

/**
 * The webhook's secrets other than `secret` (the password in `payload_url`, the values of
 * `additional_headers`) as the edit form shows them: masked, as on public topics, so no page's HTML
 * holds them after the answer that set them.
 */
export function maskedWebhookSecrets(webhook: { payload_url: string; additional_headers: string }) {
  return {
    payload_url: maskedUrlPassword(webhook.payload_url),
    additional_headers: maskedHeaderValues(webhook.additional_headers),
  };
}

/**
 * An edit form's `payload_url` and `additional_headers` with each part still masked put back from the
 * stored webhook: a URL password left as `********` keeps the stored password, and a header line whose
 * value is `********` keeps the stored value of the header of that name (the first, names compared
 * without case). What the user typed over a mask is sent as typed.
 */
export function restoreMaskedSecrets(
  edited: { payload_url: string; additional_headers: string },
  stored: { payload_url: string; additional_headers: string },
): { payload_url: string; additional_headers: string } {
  const storedPassword = URL_PASSWORD.exec(stored.payload_url)?.[2];
  const payloadUrl =
    storedPassword === undefined
      ? edited.payload_url
      : edited.payload_url.replace(URL_PASSWORD, (whole, prefix: string, password: string) =>
          password === MASKED_SECRET ? `${prefix}${storedPassword}@` : whole,
        );
  const storedValues = new Map<string, string>();
  for (const line of stored.additional_headers.split(/\r\n|\r|\n/)) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!storedValues.has(name)) storedValues.set(name, line.slice(colon + 1));
  }
  const headers = edited.additional_headers.replace(
    /^([^:\r\n]*):[ \t]*\*{8}[ \t]*$/gm,
    (whole, name: string) => {
      const value = storedValues.get(name.trim().toLowerCase());
      return value === undefined ? whole : `${name}:${value}`;
    },
  );
  return { payload_url: payloadUrl, additional_headers: headers };
}
