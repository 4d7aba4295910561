import {
  syncedSecretBulkDeleteBody, syncedSecretBulkDeleteResult, syncedSecretDeleteQuery,
} from "@/lib/schemas/synced-secret-delete";
import { otherMethods } from "@/server/http/other-methods";
import { json, route, type RouteContext } from "@/server/http/route";
import { services } from "@/server/wiring";
import * as one from "../[name]/route";

export const dynamic = "force-dynamic";

/**
 * Bulk delete: `POST { names }`, each name answered as its own `DELETE /api/synced-secrets/{name}` would be (the same
 * rules: never a system one, never one still referenced; 404 for one already gone), and each with its own audit
 * entry. `?dryRun=All`: each one's plan. A POST, not a DELETE with a body: some proxies drop a DELETE's body.
 */
export const POST = route({
  role: "operator",
  body: syncedSecretBulkDeleteBody,
  query: syncedSecretDeleteQuery,
  audit: { action: "synced-secret.delete", intent: (_p, body) => body.names.map((n) => `secretsyncs/${n}`), each: true },
}, async ({ body, query, itemOutcome }) => {
  const result = await services().syncedSecrets.deleteMany(body.names, { dryRun: query.dryRun === "All" });
  for (const a of result.audit) itemOutcome(`secretsyncs/${a.name}`, a);
  return json(syncedSecretBulkDeleteResult, result);
});

// This path shadows the synced secret named "delete" (a valid name): its own routes answer for it here.
const named: RouteContext = { params: Promise.resolve({ name: "delete" }) };
export const GET = (request: Request) => one.GET(request, named);
export const DELETE = (request: Request) => one.DELETE(request, named);
export const { PUT, PATCH } = otherMethods("GET", "POST", "DELETE");
