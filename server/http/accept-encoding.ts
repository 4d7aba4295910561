import "server-only";

/**
 * Whether a request's `Accept-Encoding` takes gzip (RFC 9110 §12.5.3): named, or covered by `*`, with a quality
 * above zero. For a route that answers with bytes compressed ahead of time instead of letting Next compress them.
 */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  let named: number | undefined;
  let star: number | undefined;
  for (const part of header.split(",")) {
    const [coding = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const quality = q === undefined ? 1 : Number(q);
    if (coding.trim() === "gzip" || coding.trim() === "x-gzip") named = Math.max(named ?? 0, quality);
    else if (coding.trim() === "*") star = quality;
  }
  return (named ?? star ?? 0) > 0;
}
