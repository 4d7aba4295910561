import { health } from "@/lib/schemas/health";
import { otherMethods } from "@/server/http/other-methods";
import { json, route } from "@/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route({}, () => json(health, { ok: true }));
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
