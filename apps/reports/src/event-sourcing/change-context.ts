/** Who made a change, in which request: the `username` and `request_id` of the events it causes. */
export interface ChangeContext {
  username: string;
  requestId: string;
}
