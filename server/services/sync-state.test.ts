import { describe, expect, it } from "vitest";
import { SYNC_REQUESTED_AT_ANNOTATION } from "@/lib/schemas/portal-annotations";
import type { SecretSyncCondition } from "@/lib/schemas/secret-sync";
import { syncStateOf, type SyncStateSource } from "./sync-state";

const NOW = new Date("2026-11-05T10:00:00.000Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();
/** What the controller writes: whole seconds. */
const kubeAgo = (seconds: number) => ago(seconds).replace(/\.\d+Z$/, "Z");

const cond = (status: string, o: Partial<SecretSyncCondition> = {}): SecretSyncCondition =>
  ({ type: "Update", status, reason: null, message: null, lastTransitionTime: kubeAgo(3600), observedGeneration: null, ...o });

function source(o: { lastSuccessfulSyncTime?: string | null; conditions?: SecretSyncCondition[]; requestedAt?: string;
  createdOn?: string }): SyncStateSource {
  return {
    createdOn: o.createdOn ?? kubeAgo(7200),
    annotations: o.requestedAt ? { [SYNC_REQUESTED_AT_ANNOTATION]: o.requestedAt } : {},
    status: { syncHash: null, lastSuccessfulSyncTime: o.lastSuccessfulSyncTime ?? null, conditions: o.conditions ?? [] },
  };
}

describe("syncStateOf", () => {
  it("is synced when the status answers and nothing was asked since", () => {
    const s = source({ lastSuccessfulSyncTime: kubeAgo(600), conditions: [cond("True", { type: "Create" })] });
    expect(syncStateOf(s, NOW)).toEqual({ state: "synced", lastSuccessfulSyncTime: kubeAgo(600) });
    // An answer after the request (and one within the request's own second) counts.
    expect(syncStateOf({ ...s, annotations: { [SYNC_REQUESTED_AT_ANNOTATION]: ago(601) } }, NOW).state).toBe("synced");
    expect(syncStateOf({ ...s, annotations: { [SYNC_REQUESTED_AT_ANNOTATION]: new Date(Date.parse(kubeAgo(600)) + 400).toISOString() } },
      NOW).state).toBe("synced");
  });

  it("is failed when any condition is False, whatever its type, with the controller's message", () => {
    const s = source({ lastSuccessfulSyncTime: kubeAgo(900), conditions: [cond("True", { type: "SecretCreated" }),
      cond("False", { type: "SecretUpdated", reason: "ProviderError", message: "SecretNotFound: opcua-pass", lastTransitionTime: kubeAgo(30) })] });
    expect(syncStateOf(s, NOW)).toEqual({ state: "failed", reason: "ProviderError", message: "SecretNotFound: opcua-pass",
      since: kubeAgo(30), lastSuccessfulSyncTime: kubeAgo(900) });
  });

  it("is failed when a condition is Unknown, and says the reason in words when there is no message", () => {
    const unknown = syncStateOf(source({ conditions: [cond("Unknown", { reason: "NoUpdatesAttemptedYet" })] }), NOW);
    expect(unknown).toMatchObject({ state: "failed", reason: "NoUpdatesAttemptedYet", message: expect.stringMatching(/not tried/) });
    const spc = syncStateOf(source({ conditions: [cond("False", { reason: "ControllerSPCError" })] }), NOW);
    expect(spc).toMatchObject({ message: "The SecretProviderClass is missing or misconfigured" });
    const odd = syncStateOf(source({ conditions: [cond("False", { type: "Ready", reason: "Weird" })] }), NOW);
    expect(odd).toMatchObject({ message: "Condition 'Ready' failed (Weird)" });
  });

  it("names a False condition before an Unknown one, the newest first", () => {
    const s = source({ conditions: [cond("Unknown", { type: "A", lastTransitionTime: kubeAgo(1) }),
      cond("False", { type: "B", reason: "UnknownError", lastTransitionTime: kubeAgo(500) }),
      cond("False", { type: "C", reason: "ProviderError", lastTransitionTime: kubeAgo(5) })] });
    expect(syncStateOf(s, NOW)).toMatchObject({ state: "failed", reason: "ProviderError" });
  });

  it("lets failed win over a newer sync request", () => {
    const s = source({ conditions: [cond("False", { reason: "ProviderError", lastTransitionTime: kubeAgo(300) })], requestedAt: ago(5) });
    expect(syncStateOf(s, NOW).state).toBe("failed");
  });

  it("is syncing while the SecretSync has no status yet", () => {
    expect(syncStateOf(source({ createdOn: kubeAgo(10) }), NOW))
      .toEqual({ state: "syncing", requestedAt: null, noAnswerSince: null, lastKnown: "none" });
    expect(syncStateOf(source({ createdOn: kubeAgo(10), requestedAt: ago(10) }), NOW))
      .toEqual({ state: "syncing", requestedAt: ago(10), noAnswerSince: null, lastKnown: "none" });
  });

  it("is syncing when the portal asked later than the newest condition time and lastSuccessfulSyncTime", () => {
    const s = source({ lastSuccessfulSyncTime: kubeAgo(120), conditions: [cond("True", { lastTransitionTime: kubeAgo(60) })],
      requestedAt: ago(20) });
    expect(syncStateOf(s, NOW)).toEqual({ state: "syncing", requestedAt: ago(20), noAnswerSince: null, lastKnown: "synced" });
  });

  it("says there has been no answer after 60 s, with the requested time and what the status showed before", () => {
    const s = source({ lastSuccessfulSyncTime: kubeAgo(600), conditions: [cond("True")], requestedAt: ago(61) });
    expect(syncStateOf(s, NOW)).toEqual({ state: "syncing", requestedAt: ago(61), noAnswerSince: ago(61), lastKnown: "synced" });
    expect(syncStateOf(source({ requestedAt: ago(60) }), NOW)).toMatchObject({ noAnswerSince: null });
    expect(syncStateOf(source({ requestedAt: ago(90) }), NOW)).toMatchObject({ noAnswerSince: ago(90), lastKnown: "none" });
  });

  it("counts a SecretSync made elsewhere (never asked about) from its creation when it has no status", () => {
    expect(syncStateOf(source({ createdOn: kubeAgo(3600) }), NOW))
      .toEqual({ state: "syncing", requestedAt: null, noAnswerSince: kubeAgo(3600).replace("Z", ".000Z"), lastKnown: "none" });
  });

  it("never reads observedGeneration, and ignores an annotation that is not a time", () => {
    const s = source({ lastSuccessfulSyncTime: kubeAgo(600), conditions: [cond("True", { observedGeneration: 1 })], requestedAt: "soon" });
    expect(syncStateOf(s, NOW).state).toBe("synced");
    const noAnnotations: SyncStateSource = { createdOn: null, status: { syncHash: null, lastSuccessfulSyncTime: kubeAgo(5), conditions: [] } };
    expect(syncStateOf(noAnnotations, NOW).state).toBe("synced");
  });
});
