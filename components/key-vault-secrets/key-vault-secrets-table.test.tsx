import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { KeyVaultSecretSummary } from "@/lib/schemas/key-vault-secret";
import { KeyVaultSecretsTable } from "./key-vault-secrets-table";

afterEach(cleanup);

const NOW = new Date("2026-06-01T12:00:00Z");
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000).toISOString();

const secret = (name: string, over: Partial<KeyVaultSecretSummary> = {}): KeyVaultSecretSummary => ({
  name, contentType: null, enabled: true, createdOn: days(-30), updatedOn: days(-2), expiresOn: null, notBefore: null, tags: {},
  ...over,
});

const row = (name: string) => screen.getAllByTestId("kv-secret-row").find((r) => r.dataset.secretName === name)!;

describe("KeyVaultSecretsTable", () => {
  it("shows status, expiry warnings and tags for each secret", () => {
    render(
      <KeyVaultSecretsTable
        now={NOW}
        stale={false}
        caption="Key Vault secrets"
        rows={[
          secret("mqtt-password", { contentType: "password", tags: { env: "prod", owner: "ot", site: "a", team: "x" } }),
          secret("old-cert", { enabled: false, expiresOn: days(-1) }),
          secret("opcua-pass", { expiresOn: days(3) }),
          secret("later", { expiresOn: days(400), notBefore: days(2) }),
        ]}
      />,
    );
    expect(screen.getByRole("table", { name: "Key Vault secrets" })).toBeTruthy();
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toEqual(
      ["Name", "Content type", "Status", "Updated", "Expires", "Tags"],
    );

    expect(within(row("mqtt-password")).getByTestId("kv-secret-enabled").textContent).toBe("Enabled");
    expect(within(row("mqtt-password")).getByTestId("kv-secret-expiry").textContent).toBe("Never");
    const tags = within(row("mqtt-password")).getByTestId("kv-secret-tags");
    expect(tags.textContent).toContain("env: prod");
    expect(tags.textContent).toContain("+1 more");
    expect(tags.getAttribute("aria-label")).toBe("Tags: env: prod, owner: ot, site: a, team: x");

    expect(within(row("old-cert")).getByTestId("kv-secret-enabled").textContent).toBe("Disabled");
    expect(within(row("old-cert")).getByTestId("kv-secret-expiry").dataset.expiryState).toBe("expired");
    expect(within(row("old-cert")).getByText("Expired")).toBeTruthy();

    expect(within(row("opcua-pass")).getByTestId("kv-secret-expiry").dataset.expiryState).toBe("soon");
    expect(within(row("opcua-pass")).getByText("Expires in 3 days")).toBeTruthy();

    expect(within(row("later")).getByTestId("kv-secret-expiry").dataset.expiryState).toBe("ok");
    expect(within(row("later")).getByTestId("kv-secret-enabled").textContent).toContain("Not valid before");
  });

  it("marks the table busy while the next page loads", () => {
    render(<KeyVaultSecretsTable now={NOW} stale caption="Key Vault secrets" rows={[secret("a")]} />);
    expect(screen.getByTestId("kv-secrets-table").getAttribute("aria-busy")).toBe("true");
  });
});
