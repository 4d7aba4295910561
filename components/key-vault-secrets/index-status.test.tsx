import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { IndexStatus } from "./index-status";

afterEach(cleanup);

describe("IndexStatus", () => {
  it("warns that search may be incomplete while the name index fills", () => {
    render(<IndexStatus index={{ state: "filling", count: 1250 }} />);
    const status = screen.getByTestId("kv-index-status");
    expect(status.dataset.state).toBe("filling");
    expect(status.textContent).toContain("Indexing the vault… 1,250 secrets so far");
    expect(status.textContent).toContain("Search results may be incomplete");
  });

  it("gives the vault's size once indexed", () => {
    render(<IndexStatus index={{ state: "ready", count: 1 }} />);
    expect(screen.getByTestId("kv-index-status").textContent).toBe("1 secret in the vault");
  });
});
