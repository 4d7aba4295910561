import { auditListInput, auditPage } from "@/lib/schemas/audit";
import { otherMethods } from "@/server/http/other-methods";
import { json, route } from "@/server/http/route";
import { auditLog } from "@/server/wiring";

export const dynamic = "force-dynamic";

/** The audit log, newest first, for the Activity page (any signed-in reader). */
export const GET = route({ role: "reader", query: auditListInput }, async ({ query }) =>
  json(auditPage, await auditLog().list(query)));
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
