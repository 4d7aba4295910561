import { keyVaultSecretList, keyVaultSecretListInput } from "@/lib/schemas/key-vault-secret";
import { otherMethods } from "@/server/http/other-methods";
import { json, route } from "@/server/http/route";
import { services } from "@/server/wiring";

export const dynamic = "force-dynamic";

export const GET = route({ query: keyVaultSecretListInput }, async ({ query }) =>
  json(keyVaultSecretList, await services().keyVaultSecrets.list(query)));
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
