import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./discovery-routes";
import { serviceAccountKind } from "./kinds";
import { readJson } from "./server";
import { tokenRequestErrors, type ServiceAccountIssuer } from "./service-account-tokens";
import { badRequest, KubeError, notFound } from "./status";

/** The part of the core's KubeRouteContext the TokenRequest route uses (docs/architecture.md). */
export interface TokenRouteContext {
  url: URL;
  store: { get(kind: string, namespace: string | undefined, name: string): { metadata: { uid: string } } | undefined };
  sendError(err: unknown): void;
}
type TokenRoute = (req: IncomingMessage, res: ServerResponse, ctx: TokenRouteContext) => Promise<boolean>;
type PublicRoute = (req: IncomingMessage, res: ServerResponse, ctx: { url: URL }) => Promise<boolean>;

const TOKEN_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/serviceaccounts\/([^/]+)\/token$/;

/**
 * OIDC discovery and JWKS, served without authentication (publicRoutes) so the identity stand-in can fetch them as
 * Entra fetches an AKS or Arc cluster's issuer.
 */
export function issuerDiscoveryRoute(issuer: ServiceAccountIssuer): PublicRoute {
  return async (req, res, { url }) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (url.pathname === "/.well-known/openid-configuration") {
      sendJson(res, 200, issuer.openIdConfiguration());
      return true;
    }
    if (url.pathname === "/openid/v1/jwks") {
      sendJson(res, 200, issuer.jwks(), "application/jwk-set+json");
      return true;
    }
    return false;
  };
}

/**
 * `POST /api/v1/namespaces/{ns}/serviceaccounts/{sa}/token` (TokenRequest, authentication.k8s.io/v1): 201 with
 * `status.token`; 404 when the service account does not exist; 422 for a lifetime under 10 minutes. JSON or
 * protobuf bodies (what `kubectl create token` sends).
 */
export function tokenRequestRoute(issuer: ServiceAccountIssuer): TokenRoute {
  return async (req, res, ctx) => {
    const m = TOKEN_PATH.exec(ctx.url.pathname);
    if (!m) return false;
    try {
      if (req.method !== "POST") {
        throw new KubeError(405, "MethodNotAllowed", `the server does not allow this method on the requested resource`,
          undefined, { Allow: "POST" });
      }
      const namespace = decodeURIComponent(m[1]!);
      const name = decodeURIComponent(m[2]!);
      // JSON, or the protobuf kubectl create token sends (typed client): the core's body reader decodes both.
      const request = asObject(await readJson(req));
      const spec = (request.spec ?? {}) as { audiences?: string[]; expirationSeconds?: number };
      const errors = tokenRequestErrors(spec);
      if (errors.length > 0) throw invalidTokenRequest(name, spec, errors);
      const sa = ctx.store.get("serviceaccounts", namespace, name);
      if (!sa) throw notFound(serviceAccountKind, name);
      const issued = await issuer.issue({ namespace, name, uid: sa.metadata.uid },
        { audiences: spec.audiences ?? undefined, expirationSeconds: spec.expirationSeconds ?? undefined });
      sendJson(res, 201, {
        kind: "TokenRequest", apiVersion: "authentication.k8s.io/v1",
        metadata: { name, namespace, creationTimestamp: null },
        spec: { audiences: issued.audiences, expirationSeconds: issued.expirationSeconds, boundObjectRef: null },
        status: { token: issued.token, expirationTimestamp: issued.expirationTimestamp },
      });
    } catch (err) {
      ctx.sendError(err);
    }
    return true;
  };
}

function asObject(value: unknown): Record<string, unknown> {
  if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  throw badRequest("the body of the request must be a TokenRequest object");
}

function invalidTokenRequest(name: string, spec: Record<string, unknown>, errors: { field: string; message: string }[]) {
  const causes = errors.map((e) => {
    const value = e.field === "spec.expirationSeconds" ? spec.expirationSeconds : spec.audiences;
    return { reason: "FieldValueInvalid", field: e.field, message: `Invalid value: ${JSON.stringify(value)}: ${e.message}` };
  });
  const summary = causes.map((c) => `${c.field}: ${c.message}`).join(", ");
  return new KubeError(422, "Invalid", `TokenRequest.authentication.k8s.io "${name}" is invalid: ${summary}`,
    { name, group: "authentication.k8s.io", kind: "TokenRequest", causes });
}
