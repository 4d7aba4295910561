import { syncedSecretNameParams } from "@/lib/schemas/synced-secret-list";
import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { services } from "@/server/wiring";

export const dynamic = "force-dynamic";

export const DELETE = route({
  role: "operator",
  params: syncedSecretNameParams,
  audit: { action: "synced-secret.delete", resources: (p) => [`secretsyncs/${p.name}`] },
}, async ({ params }) => {
  await services().syncedSecrets.delete(params.name);
  return new Response(null, { status: 204 });
});
const others = otherMethods("DELETE");
export const { GET, POST, PUT, PATCH } = others;
