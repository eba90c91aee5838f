/** The HTTP statuses NetBox's REST API answers with an error body. */
export type NetBoxErrorStatus = 400 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 503;

/** DRF's body for errors that are not about fields: `{"detail": "..."}`. */
export interface DetailBody {
  detail: string;
}

/**
 * DRF's field-error body: `{"name": ["This field is required."], "__all__": [...]}`. A nested list field
 * reports one error object per item, `{}` for the valid ones: `{"results": [{}, {"test": ["..."]}]}`.
 */
export type FieldErrors = Readonly<Record<string, readonly string[] | readonly FieldErrors[]>>;

export type NetBoxErrorBody = DetailBody | FieldErrors | readonly FieldErrors[];

/**
 * A failure a NetBox client is meant to see. Every subclass must say its status and body, so an error
 * class the exception filter could not map does not compile; anything that is not one of these (and not
 * a Nest or body-parser HTTP error) becomes a 500.
 */
export abstract class NetBoxApiError extends Error {
  abstract readonly status: NetBoxErrorStatus;
  abstract body(): NetBoxErrorBody;
}
