/**
 * The browser's source of access tokens for the portal API. The sign-in provider (components/auth) registers
 * MSAL's silent acquisition here, so lib/api/client.ts can attach a token without knowing MSAL.
 */
export type AccessTokenProvider = () => Promise<string>;

let provider: AccessTokenProvider | null = null;

export function setAccessTokenProvider(p: AccessTokenProvider | null): void {
  provider = p;
}

/** A current access token, or null when no sign-in provider is registered (server render, unit tests). */
export async function currentAccessToken(): Promise<string | null> {
  return provider ? provider() : null;
}
