import { syncedSecretDeletePlan, syncedSecretDeleteQuery } from "@/lib/schemas/synced-secret-delete";
import { syncedSecretDetail } from "@/lib/schemas/synced-secret-detail";
import { syncedSecretNameParams } from "@/lib/schemas/synced-secret-list";
import { otherMethods } from "@/server/http/other-methods";
import { json, route } from "@/server/http/route";
import { services } from "@/server/wiring";

export const dynamic = "force-dynamic";

/** The detail page (`lib/schemas/synced-secret-detail.ts`); 404 when it does not exist. */
export const GET = route({ params: syncedSecretNameParams }, async ({ params }) =>
  json(syncedSecretDetail, await services().syncedSecrets.detail(params.name)));

/**
 * Deletes the SecretSync (its Secret goes by garbage collection; Key Vault secrets stay), whoever made it, unless it
 * is a system one (403) or still referenced (409 with `references`); 404 once gone. `?dryRun=All`: the plan.
 */
export const DELETE = route({
  role: "operator",
  params: syncedSecretNameParams,
  query: syncedSecretDeleteQuery,
  audit: { action: "synced-secret.delete", resources: (p) => [`secretsyncs/${p.name}`] },
}, async ({ params, query, touched }) => {
  if (query.dryRun === "All") return json(syncedSecretDeletePlan, await services().syncedSecrets.planDelete(params.name));
  touched(await services().syncedSecrets.delete(params.name));
  return new Response(null, { status: 204 });
});

export const { POST, PUT, PATCH } = otherMethods("GET", "DELETE");
