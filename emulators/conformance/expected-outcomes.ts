import { expect } from "vitest";
import type { StepOutcome } from "./transcript";

type Expectation = Partial<Omit<StepOutcome, "step" | "facts">> & { facts?: Record<string, unknown> };

const ok = (facts?: Record<string, unknown>): Expectation => ({ result: "ok", ...(facts ? { facts } : {}) });
const refused = (status: number, code?: string, innerCode?: string): Expectation =>
  ({ result: "error", status, ...(code ? { code } : {}), ...(innerCode ? { innerCode } : {}) });
const sameAsSet = { mismatches: [] };
const listed = { listed: 60, missing: [], extra: [], wrongProperties: [] };
const deleted = { nameMatches: true, recoveryIdMatches: true, hasDeletedOn: true };
const challenge = { status: 401, code: "Unauthorized", authorityMatches: true, resource: "https://vault.azure.net" };

/**
 * What an Azure Key Vault user sees at each step of the scenario (domain.md §5, local-stack.md). Steps are listed in
 * run order; `extra` adds checks that are ranges rather than values.
 */
export const EXPECTED: ReadonlyArray<[step: string, expected: Expectation, extra?: (o: StepOutcome) => void]> = [
  ["set-60", ok({ set: 60, ...sameAsSet })],
  ["get-60", ok({ fetched: 60, ...sameAsSet })],
  ["list-default-pages", ok(listed), (o) => {
    expect(o.facts?.largestPage).toBeLessThanOrEqual(25);
    expect(o.facts?.pageCount).toBeGreaterThanOrEqual(3);
  }],
  ["list-pages-of-10", ok(listed), (o) => {
    expect(o.facts?.largestPage).toBeLessThanOrEqual(10);
    expect(o.facts?.pageCount).toBeGreaterThanOrEqual(6);
  }],
  ["set-second-version", ok({ newVersion: true })],
  ["list-versions", ok({ count: 2, hasFirst: true, hasSecond: true })],
  ["get-old-version", ok({ valueMatches: true, versionMatches: true })],
  ["get-latest", ok({ valueMatches: true, versionMatches: true })],
  ["update-properties", ok({ contentType: "application/json", tags: { owner: "conformance" }, enabled: false })],
  ["get-disabled", refused(403, "Forbidden", "SecretDisabled")],
  ["get-disabled-by-version", refused(403, "Forbidden", "SecretDisabled")],
  // Attributes belong to a version: disabling the latest leaves the older one readable.
  ["get-old-version-still-enabled", ok({ valueMatches: true })],
  ["list-versions-after-update", ok({ enabled: { first: true, second: false } })],
  ["re-enable", ok({ enabled: true })],
  ["get-after-re-enable", ok({ valueMatches: true, contentType: "application/json", tags: { owner: "conformance" } })],
  ["delete", ok(deleted), (o) => expect(o.facts?.retentionDays).toSatisfy((d: number) => d >= 7 && d <= 90)],
  ["get-while-deleted", refused(404, "SecretNotFound")],
  ["get-deleted", ok(deleted), (o) => expect(o.facts?.retentionDays).toSatisfy((d: number) => d >= 7 && d <= 90)],
  ["list-deleted", ok({ ours: ["s-01"] })],
  ["set-deleted-name", refused(409, "Conflict", "ObjectIsDeletedButRecoverable")],
  ["recover", ok({ nameMatches: true })],
  ["get-after-recover", ok({ valueMatches: true, versionMatches: true })],
  ["get-deleted-after-recover", refused(404)],
  ["delete-for-purge", ok()],
  ["purge", ok()],
  ["get-deleted-after-purge", refused(404)],
  ["get-after-purge", refused(404, "SecretNotFound")],
  ["set-after-purge", ok({ newVersion: true })],
  ["not-found", refused(404, "SecretNotFound")],
  ["not-found-version", refused(404, "SecretNotFound")],
  ["set-invalid-name", refused(400, "BadParameter")],
  // Azure refuses a value over 25 KB; whether as 400 or 413 is not documented, so either passes.
  ["set-value-too-large", { result: "error" }, (o) => expect([400, 413]).toContain(o.status)],
  ["set-too-many-tags", refused(400, "BadParameter")],
  ["no-token", ok(challenge)],
  ["bad-token", ok(challenge)],
  ["sign-in-wrong-secret", ok({ refused: true, authenticationError: true, aadsts: "7000215" })],
  ["sign-in-unknown-client", ok({ refused: true, authenticationError: true, aadsts: "700016" })],
  ["no-role-get", refused(403, "Forbidden", "ForbiddenByRbac")],
  ["no-role-set", refused(403, "Forbidden", "ForbiddenByRbac")],
  ["no-role-list", refused(403, "Forbidden", "ForbiddenByRbac")],
  ["no-role-delete", refused(403, "Forbidden", "ForbiddenByRbac")],
  ["regranted-get", ok({ valueMatches: true })],
];

/**
 * What a client library cannot see, so neither its expectation nor the comparison can ask for it. The JS SDK's pager
 * (keyvault-secrets 4.11 static-helpers/pagingHelpers.js, checkPagingRequest) throws a RestError without the
 * response body, so a refused list shows status and code but not `innererror`; Python's pager keeps it.
 */
export const BLIND_SPOTS: Record<"js" | "python", Record<string, (keyof StepOutcome)[]>> = {
  js: { "no-role-list": ["innerCode"] },
  python: {},
};

/** Asserts one client's transcript step by step, so a failure names the step. */
export function expectStep(client: "js" | "python", steps: StepOutcome[], step: string, expected: Expectation,
  extra?: (o: StepOutcome) => void) {
  const outcome = steps.find((s) => s.step === step);
  expect(outcome, `step ${step} did not run`).toBeDefined();
  expect(outcome!.unexpected, `step ${step} failed outside the service`).toBeUndefined();
  const visible = { ...expected };
  for (const key of BLIND_SPOTS[client][step] ?? []) delete visible[key as keyof Expectation];
  expect(outcome).toMatchObject(visible);
  extra?.(outcome!);
}

/** A transcript without the fields either client cannot see, for comparing the two. */
export function comparable(steps: StepOutcome[]): StepOutcome[] {
  return steps.map((s) => {
    const hidden = [...(BLIND_SPOTS.js[s.step] ?? []), ...(BLIND_SPOTS.python[s.step] ?? [])];
    return Object.fromEntries(Object.entries(s).filter(([k]) => !hidden.includes(k as keyof StepOutcome))) as StepOutcome;
  });
}
