/**
 * For `z.preprocess`: a blank string (empty or only spaces) becomes undefined, so an empty query parameter or
 * environment variable (`?search=`, `FOO=`) counts as absent — an optional field takes its default, a required
 * one fails as missing — instead of as the empty string. Anything else passes unchanged.
 */
export function blankToUndefined(value: unknown): unknown {
  return typeof value === "string" && value.trim() === "" ? undefined : value;
}
