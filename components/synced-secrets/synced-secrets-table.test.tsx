import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { SyncedSecret } from "@/lib/schemas/synced-secret-list";
import { SyncedSecretsTable } from "./synced-secrets-table";

afterEach(cleanup);

const secret = (name: string, over: Partial<SyncedSecret> = {}): SyncedSecret => ({
  name, managedByPortal: true, createdBy: { kind: "portal" }, system: false, systemReason: null,
  secretProviderClassName: "spc", secretType: "Opaque",
  references: [{ sourcePath: `${name}-user`, targetKey: "username", source: { fileName: `${name}-user`,
    keyVaultSecretName: `${name}-user`, objectType: "secret", pinnedVersion: null, objectEncoding: null } }],
  secret: null, usedBy: [], warnings: [],
  sync: { state: "syncing", requestedAt: null, noAnswerSince: null, lastKnown: "none" }, createdOn: null, ...over,
});

const ROWS: SyncedSecret[] = [
  secret("kafka", { secret: { type: "Opaque", keys: ["password", "username"] },
    sync: { state: "synced", lastSuccessfulSyncTime: "2026-11-01T10:00:00.000Z" },
    usedBy: [{ kind: "DataflowEndpoint", name: "kafka-telemetry", via: "kafkaSettings.authentication.saslSettings", key: null }] }),
  secret("opcua", { sync: { state: "failed", reason: "ProviderError",
    message: "404 SecretNotFound", since: null, lastSuccessfulSyncTime: null },
  usedBy: [
    { kind: "Device", name: "line-2", via: "inbound endpoint 'opc' · username", key: "username" },
    { kind: "Device", name: "line-2", via: "inbound endpoint 'opc' · password", key: "password" },
  ] }),
  secret("fresh"),
  secret("foreign", { managedByPortal: false, createdBy: { kind: "other", fieldManager: "kubectl-create" } }),
];

function renderTable(canOperate: boolean) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <SyncedSecretsTable rows={ROWS} canOperate={canOperate} />
    </QueryClientProvider>,
  );
}

const row = (name: string) => screen.getAllByTestId("synced-secret-row").find((r) => r.dataset.secretName === name)!;

describe("SyncedSecretsTable", () => {
  it("shows references, users grouped per object, and each sync state with a failure's reason and message", () => {
    renderTable(false);
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent))
      .toEqual(["Name", "Key Vault secret → key", "Used by", "Status", "Secret type"]);
    expect(within(row("kafka")).getByTestId("synced-secret-status").textContent).toMatch(/^Synced/);
    expect(within(row("kafka")).getByTestId("synced-secret-users").textContent).toContain("Data flow endpoint kafka-telemetry");
    expect(within(row("kafka")).getByTestId("synced-secret-type").textContent).toContain("Keys: password, username");
    expect(within(row("opcua")).getAllByTestId("synced-secret-user")).toHaveLength(1);
    expect(within(row("opcua")).getByTestId("synced-secret-status").textContent).toContain("Failed · ProviderError");
    expect(within(row("opcua")).getByTestId("synced-secret-status-message").textContent).toBe("404 SecretNotFound");
    expect(within(row("fresh")).getByTestId("synced-secret-status").dataset.state).toBe("syncing");
    expect(within(row("fresh")).getByTestId("synced-secret-users").textContent).toBe("Not used");
    expect(within(row("fresh")).getByTestId("synced-secret-type").textContent).toContain("Secret not created yet");
  });

  it("offers Delete to operators on the portal's own synced secrets only, and to readers nowhere", () => {
    renderTable(true);
    expect(within(row("kafka")).getByRole("button", { name: "Delete kafka" })).toBeTruthy();
    expect(within(row("foreign")).queryByTestId("synced-secret-delete")).toBeNull();
    expect(within(row("foreign")).getByText("Not created by the portal")).toBeTruthy();
    cleanup();
    renderTable(false);
    expect(screen.queryAllByTestId("synced-secret-delete")).toEqual([]);
  });
});
