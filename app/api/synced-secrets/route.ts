import { syncedSecretList } from "@/lib/schemas/synced-secret-list";
import { otherMethods } from "@/server/http/other-methods";
import { json, route } from "@/server/http/route";
import { services } from "@/server/wiring";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => json(syncedSecretList, await services().syncedSecrets.list()));
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
