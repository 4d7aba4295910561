import { readFileSync } from "node:fs";
import { request } from "node:https";
import type { StackEndpoints } from "./endpoints";

/**
 * A few Key Vault REST calls made the way an operator's script would: a client-credentials token from the
 * identity stand-in for the automation client, then plain HTTPS trusting the local CA. No Azure SDK here
 * (e2e/ must not import one), and nothing the portal itself uses.
 */
export class VaultRest {
  private token: string | null = null;
  private readonly ca: string;

  constructor(private readonly ep: StackEndpoints) {
    this.ca = readFileSync(ep.caFile, "utf8");
  }

  private call(method: string, url: string, body?: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
      const req = request(url, { method, ca: this.ca, headers, timeout: 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      });
      req.on("timeout", () => req.destroy(new Error(`${method} ${url}: timed out`)));
      req.on("error", reject);
      req.end(body);
    });
  }

  private async bearer(): Promise<string> {
    if (this.token) return this.token;
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.ep.automationClient.clientId,
      client_secret: this.ep.automationClient.clientSecret,
      scope: "https://vault.azure.net/.default",
    }).toString();
    const r = await this.call("POST", this.ep.tokenEndpoint, form, { "content-type": "application/x-www-form-urlencoded" });
    const token = (r.json as { access_token?: string } | null)?.access_token;
    if (r.status !== 200 || !token) throw new Error(`token endpoint answered ${r.status}: ${JSON.stringify(r.json)}`);
    this.token = token;
    return token;
  }

  private async vault(method: string, path: string, body?: unknown, apiVersion: string | null = "7.6") {
    const r = await this.vaultResponse(method, path, body, apiVersion);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  }

  /** A vault call whose status the caller judges (e.g. 404 for a secret that does not exist). */
  private async vaultResponse(method: string, path: string, body?: unknown, apiVersion: string | null = "7.6") {
    const url = path.startsWith("https://") ? path : new URL(path, this.ep.keyVaultUrl).toString();
    const withVersion =
      apiVersion === null || url.includes("api-version=") ? url : `${url}${url.includes("?") ? "&" : "?"}api-version=${apiVersion}`;
    return this.call(method, withVersion, body === undefined ? undefined : JSON.stringify(body), {
      authorization: `Bearer ${await this.bearer()}`,
      "content-type": "application/json",
    });
  }

  /** The stand-in's test hooks (`_stack/faults`, `_stack/latency`, `_stack/stats`); they do not exist in Azure. */
  hook(method: "GET" | "PUT" | "POST" | "DELETE", path: `_stack/${string}`, body?: unknown) {
    return this.vault(method, path, body, null);
  }

  setSecret(name: string, value: string, props: { contentType?: string; tags?: Record<string, string> } = {}) {
    return this.vault("PUT", `secrets/${name}`, { value, ...props });
  }

  /** The secret (latest version, or the one given) with its value; undefined when the vault answers 404. */
  async getSecret(name: string, version = ""): Promise<SecretBundle | undefined> {
    const path = `secrets/${encodeURIComponent(name)}${version ? `/${encodeURIComponent(version)}` : ""}`;
    const r = await this.vaultResponse("GET", path);
    if (r.status === 404) return undefined;
    if (r.status >= 300) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json as SecretBundle;
  }

  /** The latest value of a secret; undefined when there is no such secret. */
  async secretValue(name: string): Promise<string | undefined> {
    return (await this.getSecret(name))?.value;
  }

  /** Every version of a secret (properties only, oldest first as the vault lists them); [] when there is no such secret. */
  async listVersions(name: string): Promise<SecretItem[]> {
    const items: SecretItem[] = [];
    let next: string | null = `secrets/${encodeURIComponent(name)}/versions?maxresults=25`;
    for (let i = 0; next && i < 1_000; i++) {
      const r = await this.vaultResponse("GET", next);
      if (r.status === 404 && i === 0) return [];
      if (r.status >= 300) throw new Error(`GET ${next}: ${r.status} ${JSON.stringify(r.json)}`);
      const page = r.json as { value: SecretItem[]; nextLink: string | null };
      items.push(...page.value);
      next = page.nextLink;
    }
    return items;
  }

  /** Soft delete: the name stays held by the deleted secret until purged. */
  deleteSecret(name: string) {
    return this.vault("DELETE", `secrets/${encodeURIComponent(name)}`);
  }

  /** Every secret's properties, following `nextLink` (bounded). */
  async listSecrets(): Promise<SecretItem[]> {
    const items: SecretItem[] = [];
    let next: string | null = "secrets?maxresults=25";
    for (let i = 0; next && i < 1_000; i++) {
      const page = (await this.vault("GET", next)) as { value: SecretItem[]; nextLink: string | null };
      items.push(...page.value);
      next = page.nextLink;
    }
    return items;
  }
}

export interface SecretItem {
  id: string;
  contentType?: string;
  attributes: { enabled: boolean; exp?: number; nbf?: number; created: number; updated: number };
  tags?: Record<string, string>;
}

/** A secret with its value; its id names the version (`<vault>/secrets/<name>/<version>`). */
export interface SecretBundle extends SecretItem { value: string }

/** The version part of a secret id (`…/secrets/<name>/<version>`). */
export const secretVersion = (item: SecretItem) => decodeURIComponent(new URL(item.id).pathname.split("/")[3] ?? "");

export const secretName = (item: SecretItem) => decodeURIComponent(new URL(item.id).pathname.split("/")[2] ?? "");
