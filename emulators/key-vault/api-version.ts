import { badParameter } from "./errors";

/** Every api-version the SDKs send: Debian's Python SDK 7.3, the current JS SDK 2025-07-01; 7.0 and later. */
const STABLE = new Set(["7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "2025-06-01", "2025-07-01"]);
const PREVIEW = /^7\.[0-6]-preview(\.\d+)?$/;
export const LATEST_API_VERSION = "2025-07-01";

/** The request's api-version (query keys are decoded: the JS SDK writes `api%2Dversion`). */
export function checkApiVersion(query: URLSearchParams): string {
  const version = query.get("api-version");
  if (version === null || version === "") {
    throw badParameter(`The 'api-version' query parameter is required. Consider using the latest supported version (${LATEST_API_VERSION}).`);
  }
  if (!STABLE.has(version) && !PREVIEW.test(version)) {
    throw badParameter(`The specified version (${version.slice(0, 40)}) is not recognized. Consider using the latest supported version (${LATEST_API_VERSION}).`);
  }
  return version;
}
