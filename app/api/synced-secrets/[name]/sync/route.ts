import { syncedSecretNameParams } from "@/lib/schemas/synced-secret-list";
import { syncNowResult } from "@/lib/schemas/synced-secret-sync";
import { otherMethods } from "@/server/http/other-methods";
import { json, route } from "@/server/http/route";
import { services } from "@/server/wiring";

export const dynamic = "force-dynamic";

/** *Sync now*: a new `spec.forceSynchronization` and `sync-requested-at`; any synced secret but a system one (403). */
export const POST = route({
  role: "operator",
  params: syncedSecretNameParams,
  audit: { action: "synced-secret.sync", resources: (p) => [`secretsyncs/${p.name}`] },
}, async ({ params, touched }) => {
  const result = await services().syncedSecrets.syncNow(params.name);
  touched([`secretsyncs/${params.name}`]);
  return json(syncNowResult, result);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
