import type { QueryClient } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RotateSecretResult } from "@/lib/schemas/synced-secret-rotate";
import { installDialogPolyfill } from "@/components/secret-reference/testing/dialog-polyfill";
import { signInAs, testQueryClient, withQueryClient } from "@/components/devices/testing/test-support";
import { SyncedSecretDetails } from "../details/synced-secret-details";
import { detailOf } from "../testing/detail";

const api = vi.hoisted(() => ({
  getSyncedSecret: vi.fn(), watchSyncedSecrets: vi.fn(), syncSyncedSecret: vi.fn(), getRotatePlan: vi.fn(),
  rotateSyncedSecretSource: vi.fn(), getDeletePlans: vi.fn(), deleteSyncedSecrets: vi.fn(), listSyncedSecrets: vi.fn(),
}));
vi.mock("@/lib/api/synced-secrets", () => api);
vi.mock("next/navigation", () => import("../testing/fake-navigation").then((m) => m.navigationModule));

const VALUE = "n3w-Pässword-that-must-stay-put";

const plan = (source: string): RotateSecretResult => ({
  dryRun: true, source, version: null, keyVaultSecret: null,
  syncedSecrets: [
    { name: "kafka-sasl", system: false, action: "sync-now", reason: null, result: null },
    { name: "kafka-sasl-copy", system: false, action: "sync-now", reason: null, result: null },
    { name: "aio-broker", system: true, action: "system", reason: null, result: null },
  ],
});

beforeAll(installDialogPolyfill);
beforeEach(() => {
  api.watchSyncedSecrets.mockReset().mockReturnValue(new Promise(() => undefined));
  api.getRotatePlan.mockReset().mockImplementation(async (_name: string, source: string) => plan(source));
  api.rotateSyncedSecretSource.mockReset().mockImplementation(async (_name: string, input: { source: string }) => ({
    ...plan(input.source), dryRun: false, version: "9f".repeat(16),
    syncedSecrets: plan(input.source).syncedSecrets.map((t) => ({ ...t,
      result: t.action === "sync-now" ? { outcome: "requested" as const, forceSynchronization: "tok", detail: null } : null })),
  }));
});
afterEach(cleanup);

let client: QueryClient;
async function renderDetails(o: { level?: "operator" | "reader"; detail?: ReturnType<typeof detailOf> } = {}) {
  signInAs(o.level ?? "operator");
  const detail = o.detail ?? detailOf("kafka-sasl");
  api.getSyncedSecret.mockReset().mockResolvedValue(detail);
  client = testQueryClient();
  render(withQueryClient(client, <SyncedSecretDetails name={detail.name} />));
  await screen.findByTestId("synced-secret-details");
}

async function openRotate(source: string) {
  await userEvent.click(screen.getByTestId("synced-secret-rotate"));
  const dialog = within(await screen.findByRole("dialog", { name: "Rotate a Key Vault secret of kafka-sasl" }));
  await userEvent.click(dialog.getByRole("radio", { name: new RegExp(`^${source}`) }));
  return dialog;
}

/** Everything TanStack keeps: query keys and data, mutation variables and state. */
function cachedText(): string {
  const queries = client.getQueryCache().getAll().map((q) => ({ key: q.queryKey, state: q.state }));
  const mutations = client.getMutationCache().getAll().map((m) => ({ key: m.options.mutationKey, state: m.state }));
  return JSON.stringify({ queries, mutations });
}

describe("Rotate", () => {
  it("lists the synced secrets the rotation syncs first, carries properties over, and never caches the value", async () => {
    await renderDetails();
    const dialog = await openRotate("kafka-sasl-password");
    expect(api.getRotatePlan).toHaveBeenCalledWith("kafka-sasl", "kafka-sasl-password", expect.anything());
    const targets = await dialog.findAllByTestId("rotate-target");
    expect(targets.map((t) => [t.dataset.name, t.dataset.action])).toEqual(
      [["kafka-sasl", "sync-now"], ["kafka-sasl-copy", "sync-now"], ["aio-broker", "system"]]);
    await userEvent.click(dialog.getByTestId("rotate-continue"));

    // Carried over from the current version: content type and expiry.
    expect((dialog.getByTestId("rotate-content-type") as HTMLInputElement).value).toBe("text/plain");
    expect((dialog.getByTestId("rotate-expiration-toggle") as HTMLInputElement).checked).toBe(true);
    expect(dialog.getByTestId("rotate-blocker").textContent).toBe("Enter or upload the new value");
    const field = dialog.getByTestId("secret-value");
    expect(field.dataset.masked).toBe("true");
    await userEvent.type(field, VALUE);
    expect(dialog.getByTestId("secret-value-size").textContent).toContain(`${new TextEncoder().encode(VALUE).length} of 25,600 bytes`);
    await userEvent.click(dialog.getByTestId("rotate-submit"));

    expect(await dialog.findByTestId("rotate-result")).toBeTruthy();
    expect(dialog.getByTestId("rotate-version").textContent).toBe("9f".repeat(16));
    expect(dialog.getAllByTestId("rotate-target").map((t) => t.dataset.outcome)).toEqual(["requested", "requested", ""]);
    const [name, input] = api.rotateSyncedSecretSource.mock.calls[0]!;
    expect(name).toBe("kafka-sasl");
    // Unchanged properties are left out, so the server carries the current version's over exactly.
    expect(Object.keys(input).sort()).toEqual(["idempotencyKey", "source", "value"]);
    expect(input).toMatchObject({ source: "kafka-sasl-password", value: VALUE });

    expect(cachedText()).not.toContain(VALUE);
    expect(JSON.stringify(window.sessionStorage)).not.toContain(VALUE);
    expect(JSON.stringify(window.localStorage)).not.toContain(VALUE);
    await userEvent.click(dialog.getByTestId("rotate-close"));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("sends a cleared date as null and a changed content type", async () => {
    await renderDetails();
    const dialog = await openRotate("kafka-sasl-password");
    await userEvent.click(await dialog.findByTestId("rotate-continue"));
    await userEvent.click(dialog.getByTestId("rotate-expiration-toggle"));
    await userEvent.clear(dialog.getByTestId("rotate-content-type"));
    await userEvent.type(dialog.getByTestId("rotate-content-type"), "application/json");
    await userEvent.type(dialog.getByTestId("secret-value"), "true");
    await userEvent.click(dialog.getByTestId("rotate-submit"));
    await dialog.findByTestId("rotate-result");
    expect(api.rotateSyncedSecretSource.mock.calls[0]![1]).toMatchObject({ contentType: "application/json", expiresOn: null, value: "true" });
    expect(api.rotateSyncedSecretSource.mock.calls[0]![1]).not.toHaveProperty("notBefore");
  });

  it("checks a PEM content type's value as PEM before it can be sent", async () => {
    await renderDetails();
    const dialog = await openRotate("kafka-sasl-password");
    await userEvent.click(await dialog.findByTestId("rotate-continue"));
    await userEvent.clear(dialog.getByTestId("rotate-content-type"));
    await userEvent.type(dialog.getByTestId("rotate-content-type"), "application/x-pem-file");
    await userEvent.type(dialog.getByTestId("secret-value"), "not a certificate");
    expect(await dialog.findByTestId("pem-problem")).toBeTruthy();
    expect(dialog.getByTestId("rotate-blocker").textContent).toBe("Fix the PEM problem shown under the value");
    expect((dialog.getByTestId("rotate-submit") as HTMLButtonElement).disabled).toBe(true);
    expect(api.rotateSyncedSecretSource).not.toHaveBeenCalled();
  });

  it("refuses a source pinned to a version, saying why, without asking the server", async () => {
    await renderDetails();
    const dialog = await openRotate("kafka-sasl-ca");
    expect(dialog.getByTestId("rotate-source-refusal").textContent).toContain("Pinned to version 0123456789abcdef0123456789abcdef");
    expect((dialog.getByTestId("rotate-continue") as HTMLButtonElement).disabled).toBe(true);
    expect(api.getRotatePlan).not.toHaveBeenCalled();
  });

  it("is not offered on a system synced secret, nor to readers", async () => {
    await renderDetails({ detail: detailOf("kafka-sasl", { system: true, systemReason: "Its SecretProviderClass is the broker's" }) });
    expect(screen.queryByTestId("synced-secret-actions")).toBeNull();
    expect(screen.getByTestId("synced-secret-detail-system").textContent).toContain("the broker's");
    cleanup();
    await renderDetails({ level: "reader" });
    expect(screen.queryByTestId("synced-secret-actions")).toBeNull();
    expect(screen.queryByTestId("synced-secret-rotate")).toBeNull();
  });
});

describe("Details page", () => {
  it("shows keys with their Key Vault secrets, users as links, conditions, events and YAML", async () => {
    await renderDetails();
    const keys = screen.getAllByTestId("synced-secret-key");
    expect(keys.map((k) => [k.dataset.key, k.dataset.source])).toEqual(
      [["password", "kafka-sasl-password"], ["username", "kafka-sasl-username"], ["ca.crt", "kafka-sasl-ca"]]);
    expect(screen.getByRole("link", { name: "kafka-telemetry" }).getAttribute("href")).toBe("/dataflow-endpoints/kafka-telemetry");
    expect(screen.getByTestId("synced-secret-detail-creator").textContent).toBe("Ops Portal");
    expect(screen.getByTestId("synced-secret-detail-status").dataset.state).toBe("synced");
    expect(screen.getByTestId("synced-secret-detail-secret").textContent).toContain("Keys: ca.crt, password, username");
    expect(screen.getByTestId("synced-secret-condition").dataset.type).toBe("Update");
    expect(screen.getByTestId("synced-secret-event").textContent).toContain("404 SecretNotFound");
    expect(screen.getByTestId("synced-secret-yaml-secretsync").textContent).toContain("kind: SecretSync");
    expect(screen.getByTestId("synced-secret-yaml-spc").textContent).toContain("objectName: kafka-sasl-password");
  });
});
