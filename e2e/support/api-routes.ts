import { readdirSync } from "node:fs";
import { resolve, sep } from "node:path";

const API_DIR = resolve(__dirname, "../../app/api");

/**
 * Every route file under `app/api`, as its URL template (`/api/devices/[name]`, `/api/[...path]`): what the
 * authorization matrix must cover, so a new route cannot be left out of it.
 */
export function apiRouteTemplates(): string[] {
  return readdirSync(API_DIR, { recursive: true, encoding: "utf8" })
    .filter((file) => /(^|[\\/])route\.tsx?$/.test(file))
    .map((file) => {
      // Route groups, `(name)`, are folders that are no part of the URL.
      const folders = file.split(sep).slice(0, -1).filter((f) => !/^\(.*\)$/.test(f));
      return ["/api", ...folders].join("/");
    })
    .sort();
}

/** Whether a request path (query ignored) is one `template` serves: `[x]` is one segment, `[...x]` one or more. */
export function pathMatchesTemplate(path: string, template: string): boolean {
  const pattern = template.split("/").map((segment) => {
    if (/^\[\.\.\.[^\]]+\]$/.test(segment)) return "[^?#]+";
    if (/^\[[^\]]+\]$/.test(segment)) return "[^/?#]+";
    return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }).join("/");
  return new RegExp(`^${pattern}(\\?.*)?$`).test(path);
}
