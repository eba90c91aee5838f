/**
 * Whether a Content-Type header names JSON, read leniently like DRF's parser selection: parameters are
 * ignored and may be malformed, because pynetbox 7.0.x sends `Content-Type: application/json;` (a
 * trailing semicolon that strict media-type parsers reject).
 */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const parametersStart = contentType.indexOf(';');
  const mediaType = parametersStart === -1 ? contentType : contentType.slice(0, parametersStart);
  return mediaType.trim().toLowerCase() === 'application/json';
}
