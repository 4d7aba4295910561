import { act, cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SyncedSecret, SyncedSecretEvent } from "@/lib/schemas/synced-secret-list";
import type { ListControls } from "@/lib/synced-secrets/list-controls";
import { signInAs, testQueryClient, withQueryClient } from "@/components/devices/testing/test-support";
import { SyncedSecretsView } from "./synced-secrets-view";
import { currentUrl, history, setUrl } from "./testing/fake-navigation";
import { listOf } from "@/lib/synced-secrets/testing/rows";
import { KAFKA, SEEDED } from "./testing/seeded-rows";

const api = vi.hoisted(() => ({
  listSyncedSecrets: vi.fn(), watchSyncedSecrets: vi.fn(), syncSyncedSecret: vi.fn(),
  getDeletePlans: vi.fn(), deleteSyncedSecrets: vi.fn(),
}));
vi.mock("@/lib/api/synced-secrets", () => api);
vi.mock("next/navigation", () => import("./testing/fake-navigation").then((m) => m.navigationModule));

/** The live stream: `emit` pushes an event as the server would. */
let emit: (event: SyncedSecretEvent) => void = () => undefined;

beforeEach(() => {
  api.watchSyncedSecrets.mockReset().mockImplementation((onEvent: (e: SyncedSecretEvent) => void) => {
    emit = onEvent;
    onEvent({ type: "ready" });
    return new Promise(() => undefined);
  });
});
afterEach(cleanup);

/** What the server holds: the mocked API answers pages of it as the server does (lib/synced-secrets/testing/rows.ts). */
let serverRows: SyncedSecret[] = SEEDED;

async function renderView(o: { url?: string; level?: "operator" | "reader"; rows?: SyncedSecret[] } = {}) {
  setUrl(o.url ?? "/secrets");
  signInAs(o.level ?? "operator");
  serverRows = o.rows ?? SEEDED;
  api.listSyncedSecrets.mockReset().mockImplementation(async (q: { controls: ListControls; offset: number; limit: number }) =>
    listOf(serverRows, q));
  render(withQueryClient(testQueryClient(), <SyncedSecretsView />));
  await screen.findByTestId("synced-secrets-table");
}

const names = () => screen.getAllByTestId("synced-secret-row").map((r) => r.dataset.secretName);
const rowOf = (name: string) => within(screen.getAllByTestId("synced-secret-row").find((r) => r.dataset.secretName === name)!);

describe("Secrets page: search, filters and sort (kept in the URL)", () => {
  it("searches names, keys and Key Vault secret names from ?search=, as the Devices page links to it", async () => {
    await renderView({ url: "/secrets?search=kafka-sasl" });
    expect(names()).toEqual(["kafka-sasl"]);
    expect((screen.getByTestId("synced-secrets-search") as HTMLInputElement).value).toBe("kafka-sasl");
    cleanup();
    await renderView({ url: "/secrets?search=OPCUA-PACKAGING-PASSWORD" });
    expect(names()).toEqual(["opcua-packaging"]);
    expect(screen.getByTestId("synced-secrets-count").textContent).toBe("1 of 5 synced secrets");
  });

  it("typing a search replaces the URL's entry; no match says so", async () => {
    await renderView();
    await userEvent.type(screen.getByTestId("synced-secrets-search"), "password{Enter}");
    expect(currentUrl()).toBe("/secrets?search=password");
    expect(history.at(-1)?.how).toBe("replace");
    expect(names()).toEqual(["kafka-sasl", "opcua-packaging"]);
    await userEvent.clear(screen.getByTestId("synced-secrets-search"));
    await userEvent.type(screen.getByTestId("synced-secrets-search"), "nothing-like-it{Enter}");
    expect(await screen.findByTestId("synced-secrets-no-match-empty")).toBeTruthy();
  });

  it("filters by state, unused, warnings and system; each filter pushes a history entry", async () => {
    await renderView();
    await userEvent.click(screen.getByTestId("synced-secrets-filter-failed"));
    expect(currentUrl()).toBe("/secrets?state=failed");
    expect(history.at(-1)?.how).toBe("push");
    expect(names()).toEqual(["opcua-packaging"]);
    await userEvent.click(screen.getByTestId("synced-secrets-filter-syncing"));
    expect(currentUrl()).toBe("/secrets?state=syncing%2Cfailed");
    expect(names()).toEqual(["mqtt-bridge", "opcua-packaging"]);

    setUrl("/secrets?unused=1");
    await screen.findByText("3 of 5 synced secrets");
    expect(names()).toEqual(["aio-opc-ua-broker-trust-list", "made-by-kubectl", "mqtt-bridge"]);
    setUrl("/secrets?warnings=1");
    await screen.findByText("2 of 5 synced secrets");
    expect(names()).toEqual(["mqtt-bridge", "opcua-packaging"]);
    setUrl("/secrets?system=1");
    await screen.findByText("1 of 5 synced secrets");
    expect(names()).toEqual(["aio-opc-ua-broker-trust-list"]);
    expect((screen.getByTestId("synced-secrets-filter-system") as HTMLInputElement).checked).toBe(true);
  });

  it("sorts by a column header, flipping on the second click, with aria-sort", async () => {
    await renderView();
    expect(names()).toEqual(["aio-opc-ua-broker-trust-list", "kafka-sasl", "made-by-kubectl", "mqtt-bridge", "opcua-packaging"]);
    const status = screen.getByTestId("synced-secrets-sort-status");
    await userEvent.click(status);
    expect(currentUrl()).toBe("/secrets?sort=status");
    expect(status.closest("th")!.getAttribute("aria-sort")).toBe("ascending");
    expect(names().slice(-2)).toEqual(["mqtt-bridge", "opcua-packaging"]);
    await userEvent.click(screen.getByTestId("synced-secrets-sort-status"));
    expect(currentUrl()).toBe("/secrets?sort=-status");
    expect(screen.getByTestId("synced-secrets-sort-status").closest("th")!.getAttribute("aria-sort")).toBe("descending");
    expect(names().slice(0, 2)).toEqual(["opcua-packaging", "mqtt-bridge"]);
    await userEvent.click(screen.getByTestId("synced-secrets-sort-usedBy"));
    expect(names().slice(-2)).toEqual(["kafka-sasl", "opcua-packaging"]);
    expect(screen.getByTestId("synced-secrets-sort-name").closest("th")!.getAttribute("aria-sort")).toBe("none");
  });
});

describe("Secrets page: rows", () => {
  it("shows users as links, each state (Syncing with the controller's silence), warnings per key and the index's age", async () => {
    await renderView();
    const kafka = rowOf("kafka-sasl");
    expect(kafka.getByTestId("synced-secret-name").getAttribute("href")).toBe("/secrets/kafka-sasl");
    expect(kafka.getByRole("link", { name: "kafka-telemetry" }).getAttribute("href")).toBe("/dataflow-endpoints/kafka-telemetry");
    expect(kafka.getByTestId("synced-secret-status").dataset.state).toBe("synced");
    expect(kafka.getByTestId("synced-secret-references").textContent).toContain("kafka-sasl-password → password");

    const opcua = rowOf("opcua-packaging");
    expect(opcua.getByRole("link", { name: "packaging-line-2" }).getAttribute("href")).toBe("/devices/packaging-line-2");
    expect(opcua.getByTestId("synced-secret-status").textContent).toContain("Failed · ProviderError");
    const warnings = opcua.getAllByTestId("synced-secret-warning");
    expect(warnings.map((w) => [w.dataset.kind, w.dataset.source])).toEqual([
      ["missing", "opcua-packaging-password"], ["missing", "opcua-packaging-username"]]);
    expect(warnings[0]!.closest("[data-testid=synced-secret-reference]")!.getAttribute("data-key")).toBe("password");
    expect(warnings[0]!.textContent).toContain("Missing in Key Vault");

    const waiting = rowOf("mqtt-bridge");
    expect(waiting.getByTestId("synced-secret-status").dataset.state).toBe("syncing");
    expect(waiting.getByTestId("synced-secret-status-no-answer").textContent).toMatch(/^No answer from the sync controller since/);
    expect(waiting.getByTestId("synced-secret-warning").textContent).toContain("Expires soon");

    expect(rowOf("made-by-kubectl").getByTestId("synced-secret-creator").textContent).toBe("Made by another tool (kubectl-create)");
    expect(screen.getByTestId("synced-secrets-index-age").textContent).toMatch(/^Key Vault info from 1[2-4] s ago$/);
  });

  it("system rows have no checkbox, Sync now or Delete, and say why", async () => {
    await renderView();
    const system = rowOf("aio-opc-ua-broker-trust-list");
    expect(system.getByTestId("synced-secret-system")).toBeTruthy();
    expect(system.queryByTestId("synced-secret-select")).toBeNull();
    expect(system.queryByTestId("synced-secret-sync-now")).toBeNull();
    expect(system.queryByTestId("synced-secret-delete")).toBeNull();
    expect(system.getByTestId("synced-secret-system-note").textContent).toContain("not changed from the portal");
    expect(system.getByTestId("synced-secret-system-reason").textContent).toContain("not the instance's default");
    // Whoever made the others, operators may sync and delete them.
    expect(rowOf("made-by-kubectl").getByRole("button", { name: "Delete made-by-kubectl" })).toBeTruthy();
    expect(rowOf("made-by-kubectl").getByRole("button", { name: "Sync made-by-kubectl now" })).toBeTruthy();
  });

  it("readers get no write control anywhere", async () => {
    await renderView({ level: "reader" });
    for (const id of ["synced-secret-select", "synced-secret-sync-now", "synced-secret-delete", "synced-secrets-select-all",
      "synced-secrets-delete-selected"]) {
      expect(screen.queryAllByTestId(id), id).toEqual([]);
    }
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent?.replace(/[▲▼↕]/g, ""))).toEqual(
      ["Name", "Key Vault secret → key", "Used by", "Status"]);
  });

  it("follows the live stream: on a change the page is read again, so a changed row updates and a removed one goes", async () => {
    await renderView();
    expect(api.listSyncedSecrets).toHaveBeenCalledTimes(1);
    const failed = { ...KAFKA, sync: { state: "failed" as const, reason: "ProviderError", message: "403 Forbidden",
      since: null, lastSuccessfulSyncTime: null } };
    serverRows = SEEDED.filter((s) => s.name !== "made-by-kubectl").map((s) => (s.name === KAFKA.name ? failed : s));
    act(() => emit({ type: "changed", items: [failed], removed: ["made-by-kubectl"], index: listOf(SEEDED).index }));
    await waitFor(() => expect(rowOf("kafka-sasl").getByTestId("synced-secret-status").dataset.state).toBe("failed"));
    expect(names()).not.toContain("made-by-kubectl");
    expect(screen.getByTestId("synced-secrets-live").dataset.live).toBe("true");
    expect(api.listSyncedSecrets).toHaveBeenCalledTimes(2);
  });

  it("Sync now turns the row Syncing at once", async () => {
    await renderView();
    api.syncSyncedSecret.mockResolvedValue({ name: "kafka-sasl", forceSynchronization: "t-1", syncRequestedAt: new Date().toISOString(), resourceVersion: "9" });
    await userEvent.click(rowOf("kafka-sasl").getByTestId("synced-secret-sync-now"));
    expect(api.syncSyncedSecret).toHaveBeenCalledWith("kafka-sasl");
    expect(rowOf("kafka-sasl").getByTestId("synced-secret-status").dataset.state).toBe("syncing");
    expect((rowOf("kafka-sasl").getByTestId("synced-secret-sync-now") as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("Secrets page: 2,000 synced secrets", () => {
  it("renders only the rows near the view, with the whole count in aria-rowcount and each row's aria-rowindex", async () => {
    // jsdom lays nothing out: give the scroll region a height, as a browser would.
    const height = vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(600);
    const rowHeight = vi.spyOn(HTMLElement.prototype, "offsetHeight", "get").mockReturnValue(80);
    try {
      const many = Array.from({ length: 2000 }, (_, i) => ({ ...KAFKA, name: `bulk-${String(i).padStart(4, "0")}` }));
      await renderView({ rows: many });
      const rows = screen.getAllByTestId("synced-secret-row");
      expect(rows.length).toBeGreaterThan(5);
      expect(rows.length).toBeLessThan(60);
      // One page asked for: the rest comes as the table scrolls towards it.
      expect(api.listSyncedSecrets).toHaveBeenCalledTimes(1);
      expect(api.listSyncedSecrets).toHaveBeenCalledWith(expect.objectContaining({ offset: 0, limit: 50 }), expect.anything());
      expect(screen.getByTestId("synced-secrets-count").textContent).toBe("2,000 synced secrets");
      expect(screen.getByTestId("synced-secrets-table").getAttribute("aria-rowcount")).toBe("2001");
      expect(rows[0]!.getAttribute("aria-rowindex")).toBe("2");
      expect(screen.getAllByTestId("virtual-spacer").length).toBeGreaterThan(0);
    } finally {
      height.mockRestore();
      rowHeight.mockRestore();
    }
  });
});
