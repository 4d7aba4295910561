import { instance } from "@/lib/schemas/instance";
import { otherMethods } from "@/server/http/other-methods";
import { json, route } from "@/server/http/route";
import { services } from "@/server/wiring";

export const dynamic = "force-dynamic";

export const GET = route({}, () => json(instance, services().instance));
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
