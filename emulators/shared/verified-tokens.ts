/**
 * Remembers the claims of bearer tokens already verified, as an API server's authenticator does (kube-apiserver
 * caches token reviews; Azure's front ends cache validated tokens): the signature is checked once per token, its
 * lifetime (`nbf`, `exp`) on every use. Only verification is remembered; what a caller may do is decided per request.
 */
export function rememberVerified<C extends { exp?: number; nbf?: number }>(
  verify: (token: string, audience: string) => Promise<C>, o: { max?: number; now?: () => number } = {},
): (token: string, audience: string) => Promise<C> {
  const max = o.max ?? 1_000;
  const now = o.now ?? Date.now;
  const verified = new Map<string, C>();
  return async (token, audience) => {
    const key = `${audience} ${token}`;
    const known = verified.get(key);
    const seconds = now() / 1000;
    if (known && (known.exp === undefined || seconds < known.exp) && (known.nbf === undefined || seconds >= known.nbf)) return known;
    verified.delete(key);
    const claims = await verify(token, audience);
    if (verified.size >= max) verified.clear();
    verified.set(key, claims);
    return claims;
  };
}
