import "server-only";
import { AppError } from "@/server/errors";
import { route, type RouteHandler } from "@/server/http/route";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * Handlers for the methods a route file does not serve: 405 problem+json with `Allow`, instead of Next's empty 405.
 * Usage: `export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");`
 */
export function otherMethods(...allowed: Method[]): Record<Method, RouteHandler> {
  const allow = [...allowed, "HEAD", "OPTIONS"];
  // Write methods: a reader is refused (403) before learning whether the method exists; nothing changes, so no audit.
  const refuse = route({ role: "operator", audit: false }, ({ request }) => {
    throw new AppError("method-not-allowed", `${request.method} is not supported here; use ${allowed.join(" or ")}.`, { allow });
  });
  return Object.fromEntries(METHODS.map((m) => [m, refuse])) as Record<Method, RouteHandler>;
}
