import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, readBody } from "../shared/body";
import { authenticateClient } from "./client-auth";
import { EntraError, entraErrors, sendEntraError } from "./errors";
import { resourceOfScope } from "./resources";
import { signAccessToken } from "./signing";
import type { GrantHandler, TokenContext, TokenResponse } from "./token-types";
import { authorizationCodeGrant, refreshTokenGrant } from "./user-grants";

const MAX_BODY_BYTES = 1024 * 1024;
/** Entra's app-only tokens live 60–90 minutes; clients refresh from `expires_in`. */
const TOKEN_LIFETIME_SECONDS = 3600;

/** One handler per `grant_type` (workload identity is client_credentials with a client_assertion). */
const GRANTS: Record<string, GrantHandler> = {
  client_credentials: clientCredentialsGrant,
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
};

/** POST /<tenant>/oauth2/v2.0/token. Unknown form fields (claims, telemetry, client_info…) are ignored, as Entra does. */
export async function handleTokenRequest(req: IncomingMessage, res: ServerResponse, ctx: TokenContext): Promise<void> {
  const correlationId = headerOrQuery(req, "client-request-id");
  try {
    if (req.method !== "POST") throw entraErrors.methodNotAllowed(req.method ?? "?");
    const form = await readForm(req);
    const grantType = form.get("grant_type");
    if (!grantType) throw entraErrors.missingParameter("grant_type");
    const grant = GRANTS[grantType];
    if (!grant) throw entraErrors.unsupportedGrantType(grantType);
    const body = await grant(form, ctx);
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", pragma: "no-cache" })
      .end(JSON.stringify(body));
  } catch (err) {
    if (err instanceof EntraError) sendEntraError(res, err, correlationId);
    else if (err instanceof BodyTooLargeError) sendEntraError(res, entraErrors.bodyTooLarge(), correlationId);
    else throw err;
  }
}

async function clientCredentialsGrant(form: URLSearchParams, ctx: TokenContext): Promise<TokenResponse> {
  const client = await authenticateClient(form, ctx.state, ctx.issuerKeys);
  const resource = resourceOfScope(form.get("scope"), ctx.state);
  const accessToken = await signAccessToken(ctx.state, ctx.issuer, {
    audience: resource.audience, objectId: client.objectId, clientId: client.clientId,
    roles: resource.apiClientId ? client.appRoles[resource.apiClientId] : undefined, lifetimeSeconds: TOKEN_LIFETIME_SECONDS,
  });
  return {
    token_type: "Bearer", expires_in: TOKEN_LIFETIME_SECONDS - 1, ext_expires_in: TOKEN_LIFETIME_SECONDS - 1,
    access_token: accessToken,
  };
}

/** Entra only reads url-encoded forms: any other body is as good as an empty one (→ missing grant_type). */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const body = await readBody(req, MAX_BODY_BYTES);
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return new URLSearchParams();
  return new URLSearchParams(body.toString("utf8"));
}

function headerOrQuery(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers[name];
  if (typeof header === "string") return header;
  return new URL(req.url ?? "/", "https://x").searchParams.get(name) ?? undefined;
}
