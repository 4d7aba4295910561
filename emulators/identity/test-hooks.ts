import type { IncomingMessage, ServerResponse } from "node:http";
import { createTestHooks } from "../shared/hooks";
import { EntraError, sendEntraError } from "./errors";
import type { IdentityStore } from "./store";
import type { TokenVerifier } from "./verifier";

/**
 * `/_stack/` hooks (faults, latency, stats) on the identity stand-in. Callers authenticate as the automation client
 * with the token they already use for the vault (audience https://vault.azure.net), as local-stack.md describes.
 */
export function identityTestHooks(verifier: () => TokenVerifier, store: IdentityStore) {
  const hooks = createTestHooks({
    errorBody: (status, message) => ({ error: status === 404 ? "not_found" : "invalid_request", error_description: message }),
  });

  async function isAutomation(req: IncomingMessage): Promise<boolean> {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!token) return false;
    try {
      const claims = await verifier().verify(token, { audience: "https://vault.azure.net" });
      return claims.oid === store.findPrincipal("automation")?.objectId;
    } catch {
      return false;
    }
  }

  return {
    /** True when the request was a hook request (answered here, including 401 for a missing/wrong token). */
    async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
      if (pathname !== "/_stack" && !pathname.startsWith("/_stack/")) return false;
      if (!(await isAutomation(req))) {
        req.resume();
        res.writeHead(401, { "content-type": "application/json; charset=utf-8", "www-authenticate": 'Bearer error="invalid_token"' })
          .end(JSON.stringify({ error: "invalid_token", error_description: "A token of the automation client is required." }));
        return true;
      }
      return hooks.handle(req, res, pathname);
    },

    /** Counts and delays an API call; answers it with an Entra-shaped error and returns true when a fault matches. */
    async faulted(req: IncomingMessage, res: ServerResponse, routeTemplate: string, path: string): Promise<boolean> {
      const fault = await hooks.beforeServe(req.method ?? "GET", routeTemplate, path);
      if (!fault) return false;
      req.resume();
      const error = fault.status === 429 ? "temporarily_unavailable" : fault.status >= 500 ? "server_error" : "invalid_request";
      sendEntraError(res, new EntraError(fault.status, error, 90033, "Injected fault (local stack test hook)."),
        undefined, fault.retryAfterSeconds);
      return true;
    },
  };
}
