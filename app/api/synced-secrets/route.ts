import { syncedSecretListQuery, type SyncedSecretEvent } from "@/lib/schemas/synced-secret-list";
import { parseControls } from "@/lib/synced-secrets/list-controls";
import { ndjsonStream } from "@/server/http/ndjson-stream";
import { otherMethods } from "@/server/http/other-methods";
import { route } from "@/server/http/route";
import { services } from "@/server/wiring";

export const dynamic = "force-dynamic";

/**
 * The Secrets page's rows (`lib/schemas/synced-secret-list.ts`), one page at a time, searched, filtered and sorted
 * here (lib/synced-secrets/list-controls.ts), from the server's watch cache and name index: no Kubernetes or Key
 * Vault call per request once warm. `ETag`/`If-None-Match` answer 304 while the page is unchanged.
 * `?watch=true`: the live stream of changed rows instead (NDJSON over `fetch`; see `syncedSecretEvent`).
 */
export const GET = route({ query: syncedSecretListQuery }, async ({ query, request }) => {
  const syncedSecrets = services().syncedSecrets;
  if (query.watch === "true" || query.watch === "1") {
    return ndjsonStream<SyncedSecretEvent>({ subscribe: (send) => syncedSecrets.watch(send),
      heartbeat: () => ({ type: "heartbeat" }), signal: request.signal });
  }
  const controls = parseControls(new URL(request.url).searchParams);
  const page = await syncedSecrets.page({ controls, offset: query.offset, limit: query.limit });
  // Names and states only, no value: a browser may keep it and revalidate (304 while unchanged).
  const headers = { "content-type": "application/json", "cache-control": "private, no-cache", etag: page.etag };
  if (request.headers.get("if-none-match")?.split(/\s*,\s*/).includes(page.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(page.json, { headers });
});

// Bulk delete is `POST /api/synced-secrets/delete` (delete/route.ts).
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
