import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiProblem } from "@/lib/api/client";
import type { SyncedSecretBulkDeleteItem, SyncedSecretDeletePlan } from "@/lib/schemas/synced-secret-delete";
import { installDialogPolyfill } from "@/components/secret-reference/testing/dialog-polyfill";
import { signInAs, testQueryClient, withQueryClient } from "@/components/devices/testing/test-support";
import { SyncedSecretsView } from "./synced-secrets-view";
import { setUrl } from "./testing/fake-navigation";
import { listOf, syncedSecretRow } from "@/lib/synced-secrets/testing/rows";
import { FOREIGN, OPCUA, SEEDED } from "./testing/seeded-rows";

const api = vi.hoisted(() => ({
  listSyncedSecrets: vi.fn(), watchSyncedSecrets: vi.fn(), syncSyncedSecret: vi.fn(),
  getDeletePlans: vi.fn(), deleteSyncedSecrets: vi.fn(),
}));
vi.mock("@/lib/api/synced-secrets", () => api);
vi.mock("next/navigation", () => import("./testing/fake-navigation").then((m) => m.navigationModule));

beforeAll(installDialogPolyfill);
beforeEach(() => {
  api.watchSyncedSecrets.mockReset().mockReturnValue(new Promise(() => undefined));
  api.getDeletePlans.mockReset().mockImplementation(async (names: string[]) => names.map(planItem));
  api.deleteSyncedSecrets.mockReset();
});
afterEach(cleanup);

const plan = (name: string, over: Partial<SyncedSecretDeletePlan> = {}): SyncedSecretDeletePlan => ({
  name, createdBy: { kind: "portal" }, refusal: null, usedBy: [],
  goes: { secretSync: name, kubernetesSecret: { name, exists: true },
    secretProviderClassObjects: [{ fileName: `${name}-username`, keyVaultSecretName: `${name}-username`, removableAfter: "2026-11-01T10:05:00.000Z" }] },
  stays: { keyVaultSecrets: [`${name}-username`], secretProviderClassObjects: [] },
  ...over,
});

/** The server's dry run: the in-use one is refused with its users; the kubectl one names its maker. */
function planItem(name: string): SyncedSecretBulkDeleteItem {
  if (name === OPCUA.name) {
    return { name, status: 409, outcome: "in-use", detail: "Used by device packaging-line-2", usedBy: OPCUA.usedBy,
      plan: plan(name, { refusal: { status: 409, detail: "Used by device packaging-line-2" }, usedBy: OPCUA.usedBy }) };
  }
  const createdBy = name === FOREIGN.name ? FOREIGN.createdBy : { kind: "portal" as const };
  return { name, status: 200, outcome: "would-delete", detail: null, usedBy: [], plan: plan(name, { createdBy }) };
}

const UNUSED = ["old-a", "old-b", "old-c"].map((n) => syncedSecretRow(n));

/** The cluster as the list route reads it: a delete takes the names out. */
let inCluster = [...SEEDED, ...UNUSED];
function answerDeletes(answers: SyncedSecretBulkDeleteItem[]) {
  api.deleteSyncedSecrets.mockImplementation(async () => {
    inCluster = inCluster.filter((s) => !answers.some((a) => a.name === s.name && (a.outcome === "deleted" || a.outcome === "not-found")));
    return answers;
  });
}

async function renderView() {
  setUrl("/secrets");
  signInAs("operator");
  inCluster = [...SEEDED, ...UNUSED];
  api.listSyncedSecrets.mockReset().mockImplementation(async (q: Parameters<typeof listOf>[1]) => listOf(inCluster, q));
  render(withQueryClient(testQueryClient(), <SyncedSecretsView />));
  await screen.findByTestId("synced-secrets-table");
}

const rowOf = (name: string) => within(screen.getAllByTestId("synced-secret-row").find((r) => r.dataset.secretName === name)!);
const names = () => screen.getAllByTestId("synced-secret-row").map((r) => r.dataset.secretName);

/** Opens one row's delete, and confirms it with the server answering this problem. */
async function failedDelete(name: string, status: number, detail: string) {
  await renderView();
  await userEvent.click(rowOf(name).getByTestId("synced-secret-delete"));
  const dialog = within(await screen.findByRole("dialog", { name: `Delete synced secret ${name}?` }));
  await dialog.findAllByTestId("synced-secret-delete-plan");
  api.deleteSyncedSecrets.mockRejectedValueOnce(new ApiProblem({ status, title: "Failed", detail, errors: {}, requestId: null }));
  await userEvent.click(dialog.getByTestId("synced-secret-delete-confirm"));
  return dialog;
}

describe("Delete synced secrets", () => {
  it("shows the plan first: what goes, that the Key Vault secrets stay, and who made a foreign one", async () => {
    await renderView();
    await userEvent.click(rowOf("made-by-kubectl").getByTestId("synced-secret-delete"));
    const dialog = within(await screen.findByRole("dialog", { name: "Delete synced secret made-by-kubectl?" }));
    const item = await dialog.findByTestId("synced-secret-delete-plan");
    expect(api.getDeletePlans).toHaveBeenCalledWith(["made-by-kubectl"], expect.anything());
    expect(within(item).getByTestId("synced-secret-delete-goes").textContent).toContain("SecretSync made-by-kubectl");
    expect(within(item).getByTestId("synced-secret-delete-goes").textContent).toContain("Kubernetes Secret made-by-kubectl");
    expect(within(item).getByTestId("synced-secret-delete-vault-stays").textContent)
      .toBe("The Key Vault secrets made-by-kubectl-username stay in Key Vault with their values: the portal never deletes Key Vault secrets.");
    expect(within(item).getByTestId("synced-secret-delete-creator").textContent).toContain("another tool (kubectl-create)");
    expect(api.deleteSyncedSecrets).not.toHaveBeenCalled();

    answerDeletes([{ name: "made-by-kubectl", status: 204, outcome: "deleted", detail: null, usedBy: [], plan: null }]);
    await userEvent.click(dialog.getByTestId("synced-secret-delete-confirm"));
    expect(api.deleteSyncedSecrets).toHaveBeenCalledWith(["made-by-kubectl"]);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(names()).not.toContain("made-by-kubectl");
  });

  it("refuses an in-use one with its users as links, and offers no Delete for it", async () => {
    await renderView();
    await userEvent.click(rowOf("opcua-packaging").getByTestId("synced-secret-delete"));
    const dialog = within(await screen.findByRole("dialog", { name: "Delete synced secret opcua-packaging?" }));
    const refusal = await dialog.findByTestId("synced-secret-delete-in-use");
    expect(within(refusal).getByRole("link", { name: "packaging-line-2" }).getAttribute("href")).toBe("/devices/packaging-line-2");
    expect((dialog.getByTestId("synced-secret-delete-confirm") as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(dialog.getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("deletes three selected at once; one already gone (404) counts as deleted: no ghost rows", async () => {
    await renderView();
    // System rows cannot be selected, so "select all" takes every other shown row; narrow to the three first.
    setUrl("/secrets?search=old-");
    await waitFor(() => expect(names()).toEqual(["old-a", "old-b", "old-c"]));
    await userEvent.click(screen.getByTestId("synced-secrets-select-all"));
    expect(screen.getByTestId("synced-secrets-selected-count").textContent).toBe("3 selected");
    await userEvent.click(screen.getByTestId("synced-secrets-delete-selected"));
    const dialog = within(await screen.findByRole("dialog", { name: "Delete 3 synced secrets?" }));
    expect(await dialog.findAllByTestId("synced-secret-delete-plan")).toHaveLength(3);
    answerDeletes([
      { name: "old-a", status: 204, outcome: "deleted", detail: null, usedBy: [], plan: null },
      { name: "old-b", status: 404, outcome: "not-found", detail: null, usedBy: [], plan: null },
      { name: "old-c", status: 204, outcome: "deleted", detail: null, usedBy: [], plan: null },
    ]);
    await userEvent.click(dialog.getByRole("button", { name: "Delete 3" }));
    expect(api.deleteSyncedSecrets).toHaveBeenCalledWith(["old-a", "old-b", "old-c"]);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(await screen.findByTestId("synced-secrets-no-match-empty")).toBeTruthy();
    expect(screen.getByTestId("synced-secrets-selected-count").textContent).toBe("None selected");
  });

  it("a delete the cluster failed says so and that Delete again finishes it; the retry does, with no ghost row", async () => {
    const dialog = await failedDelete("old-a", 503, "The Kubernetes API of cluster 'aio-demo-cluster' is unavailable.");
    expect((await dialog.findByTestId("synced-secret-delete-error")).textContent).toContain("unavailable");
    expect(dialog.getByTestId("synced-secret-delete-retry").textContent).toContain("Press Delete to try again");
    expect(names()).toContain("old-a");
    answerDeletes([{ name: "old-a", status: 204, outcome: "deleted", detail: null, usedBy: [], plan: null }]);
    await userEvent.click(dialog.getByTestId("synced-secret-delete-confirm"));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await waitFor(() => expect(names()).not.toContain("old-a"));
  });

  it("a refusal is no fault: it offers no retry", async () => {
    const dialog = await failedDelete("old-b", 403, "Your account may read but not change.");
    expect((await dialog.findByTestId("synced-secret-delete-error")).textContent).toContain("may read but not change");
    expect(dialog.queryByTestId("synced-secret-delete-retry")).toBeNull();
  });

  it("in a mixed selection, deletes what the plan allows and keeps the refusal on screen", async () => {
    await renderView();
    await userEvent.click(rowOf("old-a").getByTestId("synced-secret-select"));
    await userEvent.click(rowOf("opcua-packaging").getByTestId("synced-secret-select"));
    await userEvent.click(screen.getByTestId("synced-secrets-delete-selected"));
    const dialog = within(await screen.findByRole("dialog", { name: "Delete 2 synced secrets?" }));
    expect((await dialog.findByTestId("synced-secret-delete-partial")).textContent).toBe("1 of 2 can be deleted; the others stay.");
    answerDeletes([{ name: "old-a", status: 204, outcome: "deleted", detail: null, usedBy: [], plan: null }]);
    await userEvent.click(dialog.getByTestId("synced-secret-delete-confirm"));
    expect(api.deleteSyncedSecrets).toHaveBeenCalledWith(["old-a"]);
    await waitFor(() => expect(names()).not.toContain("old-a"));
    expect(screen.getByRole("dialog")).toBeTruthy();
    expect(dialog.getByTestId("synced-secret-delete-in-use")).toBeTruthy();
  });
});
