import { sendJson, type Route } from "./discovery-routes";
import type { KindDefinition } from "./kinds/types";
import { openApiDocuments, openApiIndex } from "./openapi";

/**
 * `GET /openapi/v3` and `GET /openapi/v3/<api/v1 | apis/<g>/<v>>`. A request carrying the current `hash` may be
 * cached for good (kube-apiserver says immutable); without it, revalidate. `/openapi/v2` is not served: kubectl
 * tolerates its 404 once v3 answers (shared/reference/toolchain-clients.md §5.4).
 */
export function openApiRoute(kinds: readonly KindDefinition[]): Route {
  const docs = openApiDocuments(kinds);
  const index = openApiIndex(docs);
  return async (req, res, { url }) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = url.pathname.replace(/\/+$/, "");
    if (path === "/openapi/v3") {
      sendJson(res, 200, index);
      return true;
    }
    const doc = docs.find((d) => `/openapi/v3/${d.path}` === path);
    if (!doc) return false;
    const cache = url.searchParams.get("hash") === doc.hash ? "public, immutable" : "no-cache, private";
    res.writeHead(200, {
      "Content-Type": "application/json", "Content-Length": Buffer.byteLength(doc.json), "Cache-Control": cache,
      ETag: `"${doc.hash}"`,
    });
    res.end(doc.json);
    return true;
  };
}
