import { currentAccessToken } from "@/lib/auth/access-token";
import { syncedSecretDetail, type SyncedSecretDetail } from "@/lib/schemas/synced-secret-detail";
import {
  syncedSecretBulkDeleteResult, syncedSecretDeletePlan,
  type SyncedSecretBulkDeleteItem, type SyncedSecretBulkDeleteResult, type SyncedSecretDeletePlan,
} from "@/lib/schemas/synced-secret-delete";
import { syncedSecretEvent, syncedSecretList, type SyncedSecretEvent, type SyncedSecretList } from "@/lib/schemas/synced-secret-list";
import { rotateSecretResult, type RotateSecretInput, type RotateSecretResult } from "@/lib/schemas/synced-secret-rotate";
import { syncNowResult, type SyncNowResult } from "@/lib/schemas/synced-secret-sync";
import { controlsToQuery, type ListControls } from "@/lib/synced-secrets/list-controls";
import { ApiProblem, apiFetch, apiUrl, isApiProblem } from "./client";

/**
 * The synced secrets API (the Secrets page). A rotated value goes in the rotate request's body only: never in a
 * URL, and no answer carries it back.
 */

const path = (name: string) => `/api/synced-secrets/${encodeURIComponent(name)}`;

const jsonInit = (method: string, body: unknown, signal?: AbortSignal): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
  signal,
});

/** One page of the list: the rows the controls let through, in their order, from `offset` (server-side). */
export function listSyncedSecrets(page: { controls: ListControls; offset: number; limit: number }, signal?: AbortSignal):
  Promise<SyncedSecretList> {
  const q = new URLSearchParams(controlsToQuery(page.controls));
  q.set("offset", String(page.offset));
  q.set("limit", String(page.limit));
  return apiFetch(`/api/synced-secrets?${q.toString()}`, (json) => syncedSecretList.parse(json), { signal });
}

export function getSyncedSecret(name: string, signal?: AbortSignal): Promise<SyncedSecretDetail> {
  return apiFetch(path(name), (json) => syncedSecretDetail.parse(json), { signal });
}

/** *Sync now*: a new `forceSynchronization` token, which makes the sync controller sync the secret at once. */
export function syncSyncedSecret(name: string): Promise<SyncNowResult> {
  return apiFetch(`${path(name)}/sync`, (json) => syncNowResult.parse(json), { method: "POST" });
}

/** What rotating `source` would sync (dry run, no value sent). */
export function getRotatePlan(name: string, source: string, signal?: AbortSignal): Promise<RotateSecretResult> {
  return apiFetch(apiUrl(`${path(name)}/rotate`, { dryRun: "All" }), (json) => rotateSecretResult.parse(json),
    jsonInit("POST", { source }, signal));
}

/** A new version of one Key Vault source, then sync now on every synced secret that uses it. */
export function rotateSyncedSecretSource(name: string, input: RotateSecretInput): Promise<RotateSecretResult> {
  return apiFetch(`${path(name)}/rotate`, (json) => rotateSecretResult.parse(json), jsonInit("POST", input));
}

/** What deleting one synced secret would remove and keep (writes nothing). */
export function getDeletePlan(name: string, signal?: AbortSignal): Promise<SyncedSecretDeletePlan> {
  return apiFetch(apiUrl(path(name), { dryRun: "All" }), (json) => syncedSecretDeletePlan.parse(json), { method: "DELETE", signal });
}

/** The bulk delete: a POST with `{ names }` (`?dryRun=All` for the plans). */
const BULK_DELETE = "/api/synced-secrets/delete";

/** The plans of deleting several at once, one answer per name (writes nothing). */
export function getBulkDeletePlan(names: readonly string[], signal?: AbortSignal): Promise<SyncedSecretBulkDeleteResult> {
  return apiFetch(apiUrl(BULK_DELETE, { dryRun: "All" }), (json) => syncedSecretBulkDeleteResult.parse(json),
    jsonInit("POST", { names }, signal));
}

/** A single plan as the bulk answer would give it, so the dialog reads one shape for one name or many. */
function asPlanItem(plan: SyncedSecretDeletePlan): SyncedSecretBulkDeleteItem {
  const outcome = plan.refusal === null ? "would-delete" : plan.refusal.status === 409 ? "in-use" : "refused";
  return { name: plan.name, status: plan.refusal?.status ?? 200, outcome, detail: plan.refusal?.detail ?? null, usedBy: plan.usedBy, plan };
}

function gone(name: string, status: number): SyncedSecretBulkDeleteItem {
  return { name, status, outcome: "not-found", detail: null, usedBy: [], plan: null };
}

/**
 * The delete dialog's plan for one name (`DELETE /api/synced-secrets/{name}?dryRun=All`) or several (the bulk dry
 * run). A name that no longer exists comes back `not-found`.
 */
export async function getDeletePlans(names: readonly string[], signal?: AbortSignal): Promise<SyncedSecretBulkDeleteItem[]> {
  if (names.length !== 1) return (await getBulkDeletePlan(names, signal)).items;
  try {
    return [asPlanItem(await getDeletePlan(names[0]!, signal))];
  } catch (err) {
    if (isApiProblem(err) && err.status === 404) return [gone(names[0]!, 404)];
    throw err;
  }
}

/**
 * Deletes the SecretSyncs (their Secrets go by garbage collection; Key Vault is untouched): one by its own route,
 * several by the bulk route. Each name's answer; a 404 means it is gone already — typically a retry of a delete
 * whose answer was lost — and the caller counts it as done. A refusal of one name (in use, system) is its answer,
 * not an exception.
 */
export async function deleteSyncedSecrets(names: readonly string[]): Promise<SyncedSecretBulkDeleteItem[]> {
  if (names.length !== 1) {
    return (await apiFetch(BULK_DELETE, (json) => syncedSecretBulkDeleteResult.parse(json), jsonInit("POST", { names }))).items;
  }
  const name = names[0]!;
  try {
    await apiFetch(path(name), () => undefined, { method: "DELETE" });
    return [{ name, status: 204, outcome: "deleted", detail: null, usedBy: [], plan: null }];
  } catch (err) {
    if (!isApiProblem(err)) throw err;
    if (err.status === 404) return [gone(name, 404)];
    if (err.status === 409 || err.status === 403) {
      return [{ name, status: err.status, outcome: err.status === 409 ? "in-use" : "refused", detail: err.detail, usedBy: [], plan: null }];
    }
    throw err;
  }
}

/**
 * Follows `GET /api/synced-secrets?watch=true` (NDJSON over a `fetch` stream, so the bearer token goes in a header,
 * never the URL) and hands each event to `onEvent`. Resolves when the server ends the stream (e.g. the token
 * expired: the caller reconnects with a fresh one); rejects on a refusal, a network error or a malformed line.
 */
export async function watchSyncedSecrets(onEvent: (event: SyncedSecretEvent) => void, signal: AbortSignal): Promise<void> {
  const token = await currentAccessToken();
  const res = await fetch("/api/synced-secrets?watch=true", {
    headers: { accept: "application/x-ndjson", ...(token && { authorization: `Bearer ${token}` }) },
    signal,
  });
  if (!res.ok || !res.body) {
    throw new ApiProblem({ status: res.status, title: res.statusText || `HTTP ${res.status}`, errors: {},
      detail: `The live updates stream answered ${res.status}.`, requestId: res.headers.get("x-request-id") });
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffered += value;
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) onEvent(syncedSecretEvent.parse(JSON.parse(line)));
      newline = buffered.indexOf("\n");
    }
  }
}
