/** Agent tokens logged out before they expire. */
export interface TokenRevocations {
  revoke(tokenId: string, expiresAt: Date): Promise<void>;
  isRevoked(tokenId: string): Promise<boolean>;
}
