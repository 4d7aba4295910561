import { z } from "zod";
import { secretNameAvailability } from "@/lib/schemas/device-api";
import { keyVaultSecretName } from "@/lib/schemas/key-vault-secret";
import { otherMethods } from "@/server/http/other-methods";
import { json, route } from "@/server/http/route";
import { services } from "@/server/wiring";

export const dynamic = "force-dynamic";

/** May *Create new secret* use this name? Asks the vault (live and deleted secrets), not the name index. */
export const GET = route({ params: z.object({ name: keyVaultSecretName }) }, async ({ params }) =>
  json(secretNameAvailability, await services().secretNameAvailability.availability(params.name)));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
