import { readFileSync } from "node:fs";
import type { LocalStackEndpoints } from "../../scripts/portal-env";

/** `.data/local-stack/endpoints.json`: one type for the whole repo, kept with the code that reads it for the portal. */
export type StackEndpoints = LocalStackEndpoints & { instance?: { name: string; namespace: string } };

export function readEndpoints(file = process.env.E2E_ENDPOINTS_FILE): StackEndpoints {
  if (!file) throw new Error("E2E_ENDPOINTS_FILE is not set: run the tests through playwright.config.ts (global setup)");
  return JSON.parse(readFileSync(file, "utf8")) as StackEndpoints;
}

export function portalUrl(): string {
  const url = process.env.E2E_PORTAL_URL;
  if (!url) throw new Error("E2E_PORTAL_URL is not set: run the tests through playwright.config.ts (global setup)");
  return url;
}
