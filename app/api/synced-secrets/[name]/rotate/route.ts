import { dryRunQuery } from "@/lib/schemas/device-form";
import { rotateSecretRequest, rotateSecretResult } from "@/lib/schemas/synced-secret-rotate";
import { syncedSecretNameParams } from "@/lib/schemas/synced-secret-list";
import { otherMethods } from "@/server/http/other-methods";
import { json, route } from "@/server/http/route";
import { services } from "@/server/wiring";

export const dynamic = "force-dynamic";

/**
 * *Rotate*: a new version of one of its Key Vault sources (written once, idempotency key as tag), then sync now on
 * every synced secret that maps it. `?dryRun=All` (only `source` needed): which synced secrets it would reach. The
 * audit names the synced secret and the Key Vault secret, never the value.
 */
export const POST = route({
  role: "operator",
  params: syncedSecretNameParams,
  query: dryRunQuery,
  body: rotateSecretRequest,
  audit: { action: "synced-secret.rotate", resources: (p) => [`secretsyncs/${p.name}`],
    intent: (p, body) => [`secretsyncs/${p.name}`, `keyvault/secrets/${body.source}`] },
}, async ({ params, query, body, touched }) => {
  const result = await services().syncedSecrets.rotate(params.name, body, { dryRun: query.dryRun === "All" });
  if (!result.dryRun) {
    touched([`keyvault/secrets/${result.source}`, ...result.syncedSecrets
      .filter((t) => t.result?.outcome === "requested").map((t) => `secretsyncs/${t.name}`)]);
  }
  return json(rotateSecretResult, result);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
