/**
 * JSON values as they travel in envelopes. Object key order is significant: NetBox writes keys in
 * insertion order and receivers may compare bodies byte for byte, so these objects are never re-sorted.
 */
export type JsonPrimitive = string | number | boolean | null;
export type JsonArray = JsonValue[];
export type JsonObject = { [key: string]: JsonValue | undefined };
export type JsonValue = JsonPrimitive | JsonArray | JsonObject;
