/**
 * Where to send someone after sign-in, from a `returnTo` anyone can put in a link: a path of the portal, or the
 * fallback. String checks ("starts with one slash") lose to the URL parser's forgiveness: it drops tabs and
 * newlines, reads `\` as `/`, and resolves `/.//x` to the path `//x`; so the value is resolved against the portal's
 * origin the way the browser will resolve it, the origins are compared, and only path, query and hash are kept.
 */
export function sameOriginPath(raw: unknown, origin: string, fallback = "/"): string {
  if (typeof raw !== "string" || raw.trim() === "") return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(raw, base);
  } catch {
    return fallback;
  }
  // blob: URLs report their creator's origin: the scheme must match too.
  if (base.origin === "null" || url.origin !== base.origin || url.protocol !== base.protocol) return fallback;
  // A path that starts with `//` would be read as a host by the next resolve (router.replace, MSAL): one slash.
  const path = `${url.pathname.replace(/^\/{2,}/, "/")}${url.search}${url.hash}`;
  return new URL(path, base).origin === base.origin ? path : fallback;
}

/** The same, as an absolute URL of the portal (what MSAL wants for `redirectStartPage`). */
export function sameOriginUrl(raw: unknown, origin: string, fallback = "/"): string {
  return new URL(sameOriginPath(raw, origin, fallback), origin).href;
}
