import { readFileSync } from "node:fs";

/** The part of `.data/local-stack/endpoints.json` the tests use (see ../shared/reference/local-stack.md). */
export interface StackEndpoints {
  keyVaultUrl: string;
  keyVaultName: string;
  caFile: string;
  tenantId: string;
  authorityHost: string;
  tokenEndpoint: string;
  automationClient: { clientId: string; clientSecret: string };
  instance?: { name: string; namespace: string };
}

export function readEndpoints(file = process.env.E2E_ENDPOINTS_FILE): StackEndpoints {
  if (!file) throw new Error("E2E_ENDPOINTS_FILE is not set: run the tests through playwright.config.ts (global setup)");
  return JSON.parse(readFileSync(file, "utf8")) as StackEndpoints;
}

export function portalUrl(): string {
  const url = process.env.E2E_PORTAL_URL;
  if (!url) throw new Error("E2E_PORTAL_URL is not set: run the tests through playwright.config.ts (global setup)");
  return url;
}
