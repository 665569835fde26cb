/** Agent tokens logged out before they expire. */
export interface TokenRevocations {
  revoke(tokenId: string, expiresAt: Date): void;
  isRevoked(tokenId: string): boolean;
}
