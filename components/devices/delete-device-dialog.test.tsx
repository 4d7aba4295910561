import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DeviceDeletePlan } from "@/lib/schemas/device-api";
import { DeleteDeviceDialog } from "./delete-device-dialog";
import { polyfillDialog, testQueryClient, withQueryClient } from "./testing/test-support";

const api = vi.hoisted(() => ({ getDeviceDeletePlan: vi.fn(), deleteDevice: vi.fn() }));
vi.mock("@/lib/api/devices", () => api);
const router = vi.hoisted(() => ({ push: vi.fn(), replace: vi.fn() }));
vi.mock("next/navigation", () => ({ useRouter: () => router }));

beforeAll(polyfillDialog);
afterEach(cleanup);

const PLAN: DeviceDeletePlan = {
  device: "line-1",
  syncedSecrets: [
    { name: "line-1-opc", deletable: true, reason: null },
    { name: "shared-opc", deletable: false, reason: "also used by device 'line-2'" },
  ],
};

describe("DeleteDeviceDialog", () => {
  it("loads the plan, offers only the unused synced secrets, deletes the chosen ones and goes back to the list", async () => {
    const user = userEvent.setup();
    api.getDeviceDeletePlan.mockImplementation(() => Promise.resolve(PLAN));
    api.deleteDevice.mockImplementation(() => Promise.resolve(undefined));
    render(withQueryClient(testQueryClient(), <DeleteDeviceDialog name="line-1" />));
    expect(api.getDeviceDeletePlan).not.toHaveBeenCalled(); // asked only when the dialog opens

    await user.click(screen.getByTestId("device-delete"));
    const dialog = screen.getByTestId("device-delete-dialog");
    expect(dialog.textContent).toContain("Key Vault secrets are never deleted");
    const rows = await within(dialog).findAllByTestId("device-delete-secret");
    const [own, shared] = rows.map((r) => within(r).getByRole("checkbox"));
    expect(own).toHaveProperty("checked", false);
    expect(own).toHaveProperty("disabled", false);
    expect(shared).toHaveProperty("disabled", true);
    expect(rows[1]!.textContent).toContain("also used by device 'line-2'");

    await user.click(own!);
    await user.click(within(dialog).getByTestId("device-delete-confirm"));
    await waitFor(() => expect(router.push).toHaveBeenCalledWith("/devices"));
    expect(api.deleteDevice).toHaveBeenCalledWith("line-1", ["line-1-opc"]);
    expect(dialog.hasAttribute("open")).toBe(false);
  });
});
