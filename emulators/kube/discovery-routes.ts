import type { IncomingMessage, ServerResponse } from "node:http";
import {
  acceptedAggregatedVersion, aggregatedContentType, aggregatedDiscovery, apiGroupDocument, apiGroupList,
  apiResourceList, apiVersions, VERSION_INFO,
} from "./discovery";
import type { KindDefinition } from "./kinds/types";

/** The part of the core's KubeRouteContext these routes use (docs/architecture.md, "Kubernetes stand-in"). */
export interface RouteContext { url: URL }
export type Route = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => Promise<boolean>;

export function sendJson(res: ServerResponse, status: number, body: unknown, contentType = "application/json"): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * `/version`, `/api`, `/apis`, `/api/v1`, `/apis/<group>`, `/apis/<group>/<version>` (GET only; anything else falls
 * through to the core, which answers 404/405 as kube-apiserver does).
 */
export function discoveryRoute(kinds: readonly KindDefinition[]): Route {
  return async (req, res, { url }) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = url.pathname.replace(/\/+$/, "") || "/";
    const accept = req.headers.accept;
    if (path === "/version") {
      sendJson(res, 200, VERSION_INFO);
      return true;
    }
    if (path === "/api" || path === "/apis") {
      const aggregated = acceptedAggregatedVersion(accept);
      if (aggregated) {
        sendJson(res, 200, aggregatedDiscovery(kinds, path === "/api" ? "core" : "groups", aggregated),
          aggregatedContentType(aggregated));
      } else {
        sendJson(res, 200, path === "/api" ? apiVersions(req.headers.host ?? "127.0.0.1") : apiGroupList(kinds));
      }
      return true;
    }
    const doc = path === "/api/v1" ? apiResourceList(kinds, "", "v1") : groupDocument(kinds, path);
    if (!doc) return false;
    sendJson(res, 200, doc);
    return true;
  };
}

function groupDocument(kinds: readonly KindDefinition[], path: string) {
  const m = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!m) return undefined;
  const [, group, version] = m;
  return version ? apiResourceList(kinds, group!, version) : apiGroupDocument(kinds, group!);
}
