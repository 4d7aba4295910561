import type { VaultRole } from "./auth";
import { badParameter, VaultError } from "./errors";
import type { VaultStore } from "./store";

export interface RouteContext {
  store: VaultStore;
  vaultUrl: string;                                   // ends with "/"
  apiVersion: string;
  params: { name?: string; version?: string };
  query: URLSearchParams;
  body(): Promise<Buffer>;
}

export interface Reply { status: number; body?: unknown }

export interface Route {
  method: string;
  template: string;                                   // e.g. "/secrets/{name}"; stats are counted by it
  action: string;                                     // the Azure RBAC data action, named in 403 messages
  roles: readonly VaultRole[];
  handle(ctx: RouteContext): Reply | Promise<Reply>;
}

/** Path shapes, most specific first: `/secrets/{name}/versions` before `/secrets/{name}/{version}`. */
const PATHS: { template: string; pattern: RegExp }[] = [
  { template: "/secrets", pattern: /^\/secrets\/?$/i },
  { template: "/secrets/restore", pattern: /^\/secrets\/restore\/?$/i },
  { template: "/secrets/{name}/versions", pattern: /^\/secrets\/([^/]+)\/versions\/?$/i },
  { template: "/secrets/{name}/backup", pattern: /^\/secrets\/([^/]+)\/backup\/?$/i },
  { template: "/secrets/{name}/{version}", pattern: /^\/secrets\/([^/]+)\/([^/]+)\/?$/i },
  // `/secrets/{name}/` (empty version) is the latest version: the JS SDK sends it.
  { template: "/secrets/{name}", pattern: /^\/secrets\/([^/]+)\/?$/i },
  { template: "/deletedsecrets", pattern: /^\/deletedsecrets\/?$/i },
  { template: "/deletedsecrets/{name}/recover", pattern: /^\/deletedsecrets\/([^/]+)\/recover\/?$/i },
  { template: "/deletedsecrets/{name}", pattern: /^\/deletedsecrets\/([^/]+)\/?$/i },
];

export interface Match { route: Route; params: { name?: string; version?: string } }

/**
 * The route for a request; 404 for an unknown path, 405 (with `Allow`) for a known path and another method. A path
 * may fit several shapes (`/secrets/restore` is also a secret named "restore"): the first with the method wins.
 */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): Match {
  const allowed: string[] = [];
  let firstTemplate: string | undefined;
  for (const { template, pattern } of PATHS) {
    const m = pattern.exec(pathname);
    if (!m) continue;
    firstTemplate ??= template;
    const candidates = routes.filter((r) => r.template === template);
    const route = candidates.find((r) => r.method === method);
    if (!route) { allowed.push(...candidates.map((r) => r.method)); continue; }
    const [name, version] = [m[1], m[2]].map((s) => (s === undefined ? undefined : decode(s)));
    return { route, params: { ...(name !== undefined ? { name } : {}), ...(version !== undefined ? { version } : {}) } };
  }
  if (firstTemplate) {
    throw new VaultError(405, "MethodNotAllowed", `The method ${method.slice(0, 20)} is not allowed on ${firstTemplate}.`,
      undefined, { Allow: [...new Set(allowed)].join(", ") });
  }
  throw new VaultError(404, "NotFound", `The requested path ${pathname.slice(0, 200)} does not exist on this vault.`);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badParameter(`The request URI contains an invalid escape sequence: ${segment.slice(0, 130)}`);
  }
}
