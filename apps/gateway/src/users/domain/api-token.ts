/** An API token as the gateway keeps it: the key only as its SHA-256 and its last six characters. */
export interface ApiToken {
  id: number;
  userId: number;
  username: string;
  keySha256: string;
  keyHint: string;
  writeEnabled: boolean;
  expires: Date | null;
  description: string;
  created: Date;
  lastUsed: Date | null;
  /** Revoked tokens stay, so their keys stay taken (DRF's unique key) and their streams keep going. */
  deletedAt: Date | null;
}
