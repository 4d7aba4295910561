import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DeviceSaveResult } from "@/lib/schemas/device-api";
import { DeviceForm } from "./device-form";
import { blankDevice } from "./form-values";
import { polyfillDialog, testQueryClient, withQueryClient } from "./testing/test-support";

const api = vi.hoisted(() => ({ createDevice: vi.fn(), updateDevice: vi.fn() }));
vi.mock("@/lib/api/devices", () => api);

beforeAll(polyfillDialog);
afterEach(cleanup);

const PLAN: DeviceSaveResult["plan"] = {
  vaultSecretsToCreate: [],
  secretProviderClass: { name: "aio-akv-sp", objectsToAdd: [], objectsToRemove: ["old-object"] },
  secretSyncs: [{ name: "line-1-opc", action: "update", keysAdded: ["trustList"], keysRemoved: ["password"], yaml: "kind: SecretSync\nmetadata:\n  name: line-1-opc\n" }],
  device: { name: "line-1", action: "create", yaml: "kind: Device\nmetadata:\n  name: line-1\n" },
};

describe("Review", () => {
  it("shows the dry run's plan in a dialog, and Save from there saves the same form", async () => {
    const user = userEvent.setup();
    api.createDevice.mockImplementation((_body: unknown, o: { dryRun: boolean }) =>
      Promise.resolve({ dryRun: o.dryRun, plan: PLAN, resourceVersion: o.dryRun ? null : "1" }));
    const onSaved = vi.fn();
    render(withQueryClient(testQueryClient(), (
      <DeviceForm mode="create" initial={blankDevice()} resourceVersion={null} secretFieldsDisabledReason={null} readOnly={false} onSaved={onSaved} />
    )));
    await user.type(screen.getByTestId("device-name"), "line-1");
    await user.type(screen.getByTestId("endpoint-name"), "opc");
    await user.type(screen.getByTestId("endpoint-address"), "opc.tcp://10.0.0.12:4840");

    await user.click(screen.getByTestId("device-review"));
    const dialog = screen.getByTestId("device-review-dialog");
    await waitFor(() => expect(dialog.hasAttribute("open")).toBe(true));
    expect(api.createDevice).toHaveBeenLastCalledWith(expect.objectContaining({ name: "line-1" }), { dryRun: true });
    expect(within(dialog).getByTestId("review-vault-secrets").textContent).toContain("None");
    expect(within(dialog).getByTestId("review-spc-removed").textContent).toBe("old-object");
    const sync = within(dialog).getByTestId("review-secret-sync");
    expect(sync.dataset.action).toBe("update");
    expect(sync.textContent).toContain("Keys added: trustList");
    expect(sync.textContent).toContain("Keys removed: password");
    expect(within(dialog).getAllByTestId("review-yaml").map((y) => y.textContent)).toEqual([PLAN.secretSyncs[0]!.yaml, PLAN.device.yaml]);

    await user.click(within(dialog).getByTestId("device-review-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.createDevice).toHaveBeenLastCalledWith(expect.objectContaining({ name: "line-1" }), { dryRun: false });
    // The review and the save are one save: one idempotency key.
    const [[reviewBody], [saveBody]] = api.createDevice.mock.calls as [[{ idempotencyKey: string }], [{ idempotencyKey: string }]];
    expect(saveBody.idempotencyKey).toBe(reviewBody.idempotencyKey);
    expect(dialog.hasAttribute("open")).toBe(false);
  });
});
