import { health } from "@/lib/schemas/health";
import { otherMethods } from "@/server/http/other-methods";
import { json, route } from "@/server/http/route";

export const dynamic = "force-dynamic";

// Public: load balancers and `npm start` probe it before anyone signs in.
export const GET = route({ public: true }, () => json(health, { ok: true }));
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
