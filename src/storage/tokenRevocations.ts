/** How a token stands when it is used: logged out or not, and the account it speaks for as it is now. */
export interface TokenStanding {
  revoked: boolean;
  /** the account's role and token generation; null when it is disabled or gone */
  account: { role: string; generation: number } | null;
}

/** Agent tokens logged out before they expire. */
export interface TokenRevocations {
  revoke(tokenId: string, expiresAt: Date): Promise<void>;
  isRevoked(tokenId: string): Promise<boolean>;
  /**
   * The token's revocation and its account's state, in one round trip: every request reads both,
   * so a disabled agent's tokens stop at once on every instance, with no extra query per request.
   */
  standing(tokenId: string, username: string): Promise<TokenStanding>;
}
