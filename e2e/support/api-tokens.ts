import { request as httpsRequest } from "node:https";
import { readFileSync } from "node:fs";
import type { StackEndpoints } from "./endpoints";

/**
 * An access token for the portal API from the identity stand-in's token endpoint: client credentials of the
 * automation client (it holds Secrets.Operator on the portal API, as a script would).
 */
export function automationApiToken(ep: StackEndpoints): Promise<string> {
  return automationToken(ep, ep.portalApiScope);
}

/** A client-credentials token of the automation client for any scope (e.g. `https://vault.azure.net/.default`). */
export async function automationToken(ep: StackEndpoints, scope: string): Promise<string> {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: ep.automationClient.clientId,
    client_secret: ep.automationClient.clientSecret,
    scope,
  }).toString();
  const body = await new Promise<string>((resolve, reject) => {
    const req = httpsRequest(ep.tokenEndpoint, {
      method: "POST", ca: readFileSync(ep.caFile), timeout: 30_000,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString("utf8"))
        : reject(new Error(`token endpoint answered ${res.statusCode}: ${Buffer.concat(chunks).toString("utf8")}`))));
    });
    req.on("timeout", () => req.destroy(new Error("token endpoint: timed out")));
    req.on("error", reject);
    req.end(form);
  });
  return (JSON.parse(body) as { access_token: string }).access_token;
}
