import { appendFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, expectAccessible, snap, test } from "./fixtures";
import { readEndpoints } from "./support/endpoints";

/**
 * The Activity page over the audit log. The entries are appended to the log file the way the portal's file store
 * writes them (one JSON object per line in <data>/portal/audit.log, owner-only like the rest of the data folder):
 * that gives every actor, action and outcome the filters need, refusals and upstream failures included, on cue.
 * The first three are complete entries (as refusals are, and as every write was before intents); then a write's
 * intent and its outcome, which the page shows as one row, and an intent whose outcome was never recorded.
 */
const entries = [
  { actor: { oid: "0a0a0a0a-0000-4000-8000-000000000001", name: "Olivia Operator", kind: "user" }, action: "key-vault-secret.create",
    resources: ["key-vault/secrets/line-7-mqtt-password"], outcome: "succeeded", status: 201 },
  { actor: { oid: "0a0a0a0a-0000-4000-8000-000000000002", name: "Rudy Reader", kind: "user" }, action: "key-vault-secret.delete",
    resources: ["key-vault/secrets/line-7-mqtt-password"], outcome: "denied", status: 403, problem: "forbidden" },
  { actor: { oid: "0a0a0a0a-0000-4000-8000-000000000001", name: "Olivia Operator", kind: "user" }, action: "synced-secret.sync",
    resources: ["secretsyncs/azure-iot-operations/line-7"], outcome: "failed", status: 503, problem: "upstream", upstreamCode: "ServiceUnavailable" },
  { actor: { oid: "0a0a0a0a-0000-4000-8000-000000000001", name: "Olivia Operator", kind: "user" }, action: "device.update",
    resources: ["devices/line-7", "keyvault/secrets/line-7-user"], phase: "intent" },
  { actor: { oid: "0a0a0a0a-0000-4000-8000-000000000001", name: "Olivia Operator", kind: "user" }, action: "device.update",
    resources: ["devices/line-7", "secretsyncs/line-7-opc"], phase: "outcome", intentId: "INTENT-3", outcome: "succeeded", status: 200 },
  { actor: { oid: "0a0a0a0a-0000-4000-8000-000000000001", name: "Olivia Operator", kind: "user" }, action: "device.create",
    resources: ["devices/line-8"], phase: "intent" },
];

test("lists the audit log newest first and filters it by user, action and outcome", async ({ page }, testInfo) => {
  const file = join(dirname(dirname(readEndpoints().caFile)), "portal", "audit.log");
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const t0 = Date.now() + 60_000; // after anything the other specs may have recorded
  const tag = `e2e-${t0}`;
  const idOf = (i: number) => `${tag}-${i}`;
  appendFileSync(file, entries.map((e, i) => `${JSON.stringify({ id: idOf(i), time: new Date(t0 + i * 1000).toISOString(),
    requestId: `${tag}-req-${i}`, ...e, ...("intentId" in e && { intentId: idOf(3), requestId: `${tag}-req-3` }) })}\n`).join(""),
  { mode: 0o600 });

  await page.goto("/activity");
  const rows = page.getByTestId("activity-row");
  await expect(rows.first()).toBeVisible();
  await expect(rows.nth(0).getByTestId("activity-action")).toHaveText("device.create");
  await expect(rows.nth(0)).toHaveAttribute("data-outcome", "unknown");
  await expect(rows.nth(0).getByTestId("activity-outcome")).toHaveText("Outcome unknown");
  // The intent and its outcome: one row, with the resources of both.
  await expect(rows.nth(1).getByTestId("activity-action")).toHaveText("device.update");
  await expect(rows.nth(1)).toHaveAttribute("data-outcome", "succeeded");
  await expect(rows.nth(1)).toContainText("devices/line-7, keyvault/secrets/line-7-user, secretsyncs/line-7-opc");
  await expect(rows.nth(2).getByTestId("activity-action")).toHaveText("synced-secret.sync");
  await expect(rows.nth(3).getByTestId("activity-action")).toHaveText("key-vault-secret.delete");
  await expect(rows.nth(4).getByTestId("activity-action")).toHaveText("key-vault-secret.create");
  await expect(rows.nth(2)).toContainText("ServiceUnavailable");
  await snap(page, testInfo, "activity");
  await expectAccessible(page, testInfo);

  await page.getByTestId("activity-filter-user").fill("rudy");
  await page.getByTestId("activity-apply").click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId("activity-user")).toHaveText("Rudy Reader");

  await page.getByTestId("activity-clear").click();
  await page.getByTestId("activity-filter-outcome").selectOption("failed");
  await page.getByTestId("activity-apply").click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-outcome", "failed");

  await page.getByTestId("activity-clear").click();
  await page.getByTestId("activity-filter-action").fill("KEY-VAULT");
  await page.getByTestId("activity-apply").click();
  await expect(rows).toHaveCount(2);

  await page.getByTestId("activity-filter-action").fill("no such action");
  await page.getByTestId("activity-apply").click();
  await expect(page.getByTestId("activity-empty")).toContainText("No activity matches these filters");
});
