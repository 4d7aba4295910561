import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { automationToken } from "./support/api-tokens";
import { apiRouteTemplates, pathMatchesTemplate } from "./support/api-routes";
import { portalUrl, readEndpoints } from "./support/endpoints";
import { accessTokenOf } from "./support/sign-in";
import { tokenVariants } from "./support/token-variants";

/**
 * Every /api route × every kind of caller, each cell asserted: the bearer check (401 for any bad token), the app
 * roles (403 naming the role), and what each role may do. Good tokens come from the identity stand-in itself
 * (the demo users' sessions through the browser sign-in; the automation client's client credentials).
 */

type Caller = "none" | "expired" | "wrongAudience" | "wrongIssuer" | "algNone" | "tamperedSignature" | "idToken" | "noScope"
  | "norole" | "reader" | "operator" | "automation";
/** Callers the bearer check turns away (401) on every non-public route; `idToken` and `noScope` are well signed for
 * the API's audience but are not access tokens carrying its scope (e2e/support/token-variants.ts). */
const BAD: Caller[] = ["none", "expired", "wrongAudience", "wrongIssuer", "algNone", "tamperedSignature", "idToken", "noScope"];
const CALLERS: Caller[] = [...BAD, "norole", "reader", "operator", "automation"];

interface Cell { method: string; path: string; reader: number; operator: number; public?: true }
/**
 * Each route file under app/api (its URL template) and the calls made of it: what a reader and an operator get
 * (GET routes: data; other methods: 405/404). Writes never change the demo: they name what does not exist, or
 * send a body or query the route refuses (400) before anything is written.
 */
const ROUTES: Record<string, Cell[]> = {
  "/api/health": [
    { method: "GET", path: "/api/health", reader: 200, operator: 200, public: true },
    { method: "POST", path: "/api/health", reader: 403, operator: 405 },
  ],
  "/api/instance": [
    { method: "GET", path: "/api/instance", reader: 200, operator: 200 },
    { method: "DELETE", path: "/api/instance", reader: 403, operator: 405 },
  ],
  "/api/key-vault/secrets": [
    { method: "GET", path: "/api/key-vault/secrets", reader: 200, operator: 200 },
    { method: "POST", path: "/api/key-vault/secrets", reader: 403, operator: 405 },
    { method: "PUT", path: "/api/key-vault/secrets", reader: 403, operator: 405 },
    { method: "PATCH", path: "/api/key-vault/secrets", reader: 403, operator: 405 },
    { method: "DELETE", path: "/api/key-vault/secrets", reader: 403, operator: 405 },
  ],
  "/api/key-vault/secrets/[name]/availability": [
    { method: "GET", path: "/api/key-vault/secrets/no-such-secret-name/availability", reader: 200, operator: 200 },
    { method: "GET", path: "/api/key-vault/secrets/not_a_vault_name/availability", reader: 400, operator: 400 },
    { method: "POST", path: "/api/key-vault/secrets/no-such-secret-name/availability", reader: 403, operator: 405 },
  ],
  "/api/activity": [
    { method: "GET", path: "/api/activity", reader: 200, operator: 200 },
    { method: "POST", path: "/api/activity", reader: 403, operator: 405 },
  ],
  "/api/synced-secrets": [
    { method: "GET", path: "/api/synced-secrets", reader: 200, operator: 200 },
    // Not `?watch=true`: that answer is a stream the matrix would wait on; a bad value is refused before it starts.
    { method: "GET", path: "/api/synced-secrets?watch=maybe", reader: 400, operator: 400 },
    { method: "POST", path: "/api/synced-secrets", reader: 403, operator: 405 },
    { method: "DELETE", path: "/api/synced-secrets", reader: 403, operator: 405 },
  ],
  "/api/synced-secrets/delete": [
    // Bulk delete with `{}`: no names, refused (400) before anything is deleted.
    { method: "POST", path: "/api/synced-secrets/delete", reader: 403, operator: 400 },
    // The path of a synced secret named "delete" too: there is none in the demo.
    { method: "GET", path: "/api/synced-secrets/delete", reader: 404, operator: 404 },
    { method: "DELETE", path: "/api/synced-secrets/delete", reader: 403, operator: 404 },
    { method: "PUT", path: "/api/synced-secrets/delete", reader: 403, operator: 405 },
  ],
  "/api/synced-secrets/[name]": [
    { method: "GET", path: "/api/synced-secrets/kafka-sasl", reader: 200, operator: 200 },
    { method: "GET", path: "/api/synced-secrets/no-such-synced-secret", reader: 404, operator: 404 },
    { method: "GET", path: "/api/synced-secrets/Not_A_Name", reader: 400, operator: 400 },
    // A name that does not exist: the operator's (and automation's) DELETE passes authorization and finds nothing,
    // so the matrix never removes the demo's synced secrets.
    { method: "DELETE", path: "/api/synced-secrets/no-such-synced-secret", reader: 403, operator: 404 },
    { method: "DELETE", path: "/api/synced-secrets/kafka-sasl?dryRun=Yes", reader: 403, operator: 400 },
    { method: "PUT", path: "/api/synced-secrets/kafka-sasl", reader: 403, operator: 405 },
  ],
  "/api/synced-secrets/[name]/sync": [
    { method: "POST", path: "/api/synced-secrets/no-such-synced-secret/sync", reader: 403, operator: 404 },
    { method: "PUT", path: "/api/synced-secrets/kafka-sasl/sync", reader: 403, operator: 405 },
  ],
  "/api/synced-secrets/[name]/rotate": [
    // `{}` names no source: refused (400) before Key Vault is touched.
    { method: "POST", path: "/api/synced-secrets/kafka-sasl/rotate", reader: 403, operator: 400 },
    { method: "POST", path: "/api/synced-secrets/no-such-synced-secret/rotate?dryRun=All", reader: 403, operator: 400 },
    { method: "DELETE", path: "/api/synced-secrets/kafka-sasl/rotate", reader: 403, operator: 405 },
  ],
  "/api/devices": [
    { method: "GET", path: "/api/devices", reader: 200, operator: 200 },
    // `{}` is no device: refused (400) before anything is written.
    { method: "POST", path: "/api/devices", reader: 403, operator: 400 },
    { method: "PUT", path: "/api/devices", reader: 403, operator: 405 },
  ],
  "/api/devices/[name]": [
    { method: "GET", path: "/api/devices/press-line-1", reader: 200, operator: 200 },
    { method: "GET", path: "/api/devices/no-such-device", reader: 404, operator: 404 },
    { method: "PUT", path: "/api/devices/press-line-1", reader: 403, operator: 400 },
    // An unknown dryRun value is refused before the delete: the seeded device stays.
    { method: "DELETE", path: "/api/devices/press-line-1?dryRun=Yes", reader: 403, operator: 400 },
    { method: "DELETE", path: "/api/devices/no-such-device?dryRun=All", reader: 403, operator: 404 },
    { method: "POST", path: "/api/devices/press-line-1", reader: 403, operator: 405 },
  ],
  "/api/dataflow-endpoints": [
    { method: "GET", path: "/api/dataflow-endpoints", reader: 200, operator: 200 },
    // `{}` is no endpoint: refused (400) before anything is written.
    { method: "POST", path: "/api/dataflow-endpoints", reader: 403, operator: 400 },
    { method: "DELETE", path: "/api/dataflow-endpoints", reader: 403, operator: 405 },
  ],
  "/api/dataflow-endpoints/[name]": [
    { method: "GET", path: "/api/dataflow-endpoints/kafka-telemetry", reader: 200, operator: 200 },
    { method: "GET", path: "/api/dataflow-endpoints/no-such-endpoint", reader: 404, operator: 404 },
    { method: "GET", path: "/api/dataflow-endpoints/Not_A_Name", reader: 400, operator: 400 },
    { method: "PUT", path: "/api/dataflow-endpoints/kafka-telemetry", reader: 403, operator: 400 },
    // AIO's own endpoint is never deleted: the operator's DELETE passes authorization and is refused (409).
    { method: "DELETE", path: "/api/dataflow-endpoints/default", reader: 403, operator: 409 },
    { method: "DELETE", path: "/api/dataflow-endpoints/kafka-telemetry?dryRun=Yes", reader: 403, operator: 400 },
    { method: "DELETE", path: "/api/dataflow-endpoints/no-such-endpoint?dryRun=All", reader: 403, operator: 404 },
    { method: "POST", path: "/api/dataflow-endpoints/kafka-telemetry", reader: 403, operator: 405 },
  ],
  "/api/[...path]": [
    { method: "GET", path: "/api/no-such-route", reader: 404, operator: 404 },
    { method: "DELETE", path: "/api/no-such-route", reader: 403, operator: 404 },
  ],
};

function expected(cell: Cell, caller: Caller): number {
  if (cell.public) return 200;
  if (BAD.includes(caller)) return 401;
  if (caller === "norole") return 403;
  return caller === "reader" ? cell.reader : cell.operator;
}

/** How general a template is: one per `[x]` segment, many for a catch-all. */
const dynamicWeight = (template: string) => template.split("/")
  .reduce((n, segment) => n + (segment.startsWith("[...") ? 100 : segment.startsWith("[") ? 1 : 0), 0);

test("the authorization matrix has rows for every route file under app/api, and only for those", () => {
  const templates = apiRouteTemplates();
  expect(Object.keys(ROUTES).sort(), "route files without rows (or rows for removed files)").toEqual(templates);
  for (const [template, cells] of Object.entries(ROUTES)) {
    expect(cells.length, `${template} has rows`).toBeGreaterThan(0);
    for (const cell of cells) {
      expect(pathMatchesTemplate(cell.path, template), `${cell.path} is served by ${template}`).toBe(true);
      // Next serves a path by its most specific route (a static segment before `[x]`, `[x]` before `[...x]`): no
      // other route file that matches the row may be as specific as its own.
      const others = templates.filter((t) => t !== template && pathMatchesTemplate(cell.path, t));
      expect(others.filter((t) => dynamicWeight(t) <= dynamicWeight(template)), `${cell.path} is served by ${template} only`)
        .toEqual([]);
    }
  }
});

test("authorization matrix: every /api route × every caller", async ({ playwright, sessionOf }, testInfo) => {
  test.setTimeout(120_000);
  const ep = readEndpoints();
  const operatorToken = accessTokenOf(await sessionOf("operator"));
  const bad = await tokenVariants(ep, operatorToken, await automationToken(ep, "https://vault.azure.net/.default"));
  const tokens: Record<Caller, string | null> = {
    none: null, ...bad,
    norole: accessTokenOf(await sessionOf("norole")),
    reader: accessTokenOf(await sessionOf("reader")),
    operator: operatorToken,
    automation: await automationToken(ep, ep.portalApiScope),
  };
  const api: APIRequestContext = await playwright.request.newContext({ baseURL: portalUrl() });
  const rows: string[] = [];
  const wrong: string[] = [];
  try {
    for (const cell of Object.values(ROUTES).flat()) {
      const got: string[] = [];
      for (const caller of CALLERS) {
        const token = tokens[caller];
        const res = await api.fetch(cell.path, {
          method: cell.method,
          headers: { ...(token && { authorization: `Bearer ${token}` }), ...(cell.method !== "GET" && { "content-type": "application/json" }) },
          data: cell.method !== "GET" ? "{}" : undefined,
          failOnStatusCode: false,
        });
        const status = res.status();
        got.push(String(status));
        const want = expected(cell, caller);
        if (status !== want) wrong.push(`${cell.method} ${cell.path} as ${caller}: ${status}, expected ${want}`);
        if (status === 401) {
          if (!/^Bearer realm="ops-portal"/.test(res.headers()["www-authenticate"] ?? "")) wrong.push(`${cell.method} ${cell.path} as ${caller}: 401 without a Bearer challenge`);
          expect(res.headers()["content-type"]).toContain("application/problem+json");
        }
        if (status === 403) {
          const detail = ((await res.json()) as { detail?: string }).detail ?? "";
          const role = cell.method === "GET" ? "Secrets.Reader" : "Secrets.Operator"; // writes need the operator role
          if (!detail.includes(role)) wrong.push(`${cell.method} ${cell.path} as ${caller}: 403 not naming ${role}: ${detail}`);
        }
      }
      rows.push(`| ${cell.method} ${cell.path} | ${got.join(" | ")} |`);
    }
  } finally {
    await api.dispose();
  }
  const table = [`| route | ${CALLERS.join(" | ")} |`, `|---|${CALLERS.map(() => "---").join("|")}|`, ...rows].join("\n");
  await testInfo.attach("authorization-matrix.md", { body: table, contentType: "text/markdown" });
  console.log(`\n${table}\n`);
  expect(wrong).toEqual([]);
});
