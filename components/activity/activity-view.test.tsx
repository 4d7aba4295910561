import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ActivityItem, AuditPage } from "@/lib/schemas/audit";
import { ActivityView } from "./activity-view";

const api = vi.hoisted(() => ({ listActivity: vi.fn() }));
vi.mock("@/lib/api/activity", () => api);

afterEach(() => {
  cleanup();
  api.listActivity.mockReset();
});

const item = (over: Partial<ActivityItem>): ActivityItem => ({
  id: "i-1", time: "2026-11-01T10:00:00.000Z", requestId: "req-1",
  actor: { oid: "oid-olivia", name: "Olivia Operator", kind: "user" }, action: "device.update",
  resources: ["devices/line-1"], outcome: "succeeded", status: 200, ...over,
});

function renderView(answer: (filter: Record<string, unknown>) => AuditPage) {
  api.listActivity.mockImplementation((filter: Record<string, unknown>) => Promise.resolve(answer(filter)));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<QueryClientProvider client={client}><ActivityView /></QueryClientProvider>);
}

const EMPTY: AuditPage = { items: [], nextCursor: null };

describe("ActivityView", () => {
  it("says the log is empty, not that filters match nothing, before any filter and again after Clear", async () => {
    const user = userEvent.setup();
    renderView(() => EMPTY);
    expect((await screen.findByTestId("activity-empty")).textContent).toContain("No changes have been made through the portal yet");

    await user.type(screen.getByTestId("activity-filter-user"), "rudy");
    await user.click(screen.getByTestId("activity-apply"));
    await vi.waitFor(() => expect(screen.getByTestId("activity-empty").textContent).toContain("No activity matches these filters"));
    expect(api.listActivity).toHaveBeenLastCalledWith(expect.objectContaining({ user: "rudy" }), { cursor: "", pageSize: 50 }, expect.anything());

    await user.click(screen.getByTestId("activity-clear"));
    await vi.waitFor(() => expect(screen.getByTestId("activity-empty").textContent).toContain("No changes have been made through the portal yet"));
    expect((screen.getByTestId("activity-filter-user") as HTMLInputElement).value).toBe("");
  });

  it("counts a filter whose fields were emptied by hand as no filter", async () => {
    const user = userEvent.setup();
    renderView(() => EMPTY);
    await screen.findByTestId("activity-empty");
    await user.type(screen.getByTestId("activity-filter-action"), "delete");
    await user.click(screen.getByTestId("activity-apply"));
    await vi.waitFor(() => expect(screen.getByTestId("activity-empty").textContent).toContain("No activity matches"));
    await user.clear(screen.getByTestId("activity-filter-action"));
    await user.click(screen.getByTestId("activity-apply"));
    await vi.waitFor(() => expect(screen.getByTestId("activity-empty").textContent).toContain("No changes have been made"));
  });

  it("lists each write as one row, an intent without an outcome as outcome unknown, and filters by that outcome", async () => {
    const user = userEvent.setup();
    const rows = [item({ id: "i-2", outcome: "unknown", status: null, action: "device.create" }),
      item({ id: "i-1", outcome: "failed", status: 502, problem: "upstream", upstreamCode: "InternalError" })];
    renderView((f) => ({ items: f.outcome ? rows.filter((r) => r.outcome === f.outcome) : rows, nextCursor: null }));
    await screen.findByTestId("activity-table");
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toEqual(
      ["Time", "User", "Action", "Resources", "Outcome", "Request id"]);
    const [unknown, failed] = screen.getAllByTestId("activity-row");
    expect(unknown!.dataset.outcome).toBe("unknown");
    expect(within(unknown!).getByTestId("activity-outcome").textContent).toBe("Outcome unknown");
    expect(within(failed!).getByTestId("activity-outcome").textContent).toBe("Failed502 · upstream (InternalError)");

    await user.selectOptions(screen.getByTestId("activity-filter-outcome"), "unknown");
    await user.click(screen.getByTestId("activity-apply"));
    await vi.waitFor(() => expect(screen.getAllByTestId("activity-row")).toHaveLength(1));
    expect(api.listActivity).toHaveBeenLastCalledWith(expect.objectContaining({ outcome: "unknown" }), expect.anything(), expect.anything());
  });
});
