import "server-only";
import type { SecretSync } from "@/lib/schemas/secret-sync";
import { AppError } from "@/server/errors";

/**
 * Which synced secrets the portal may change (docs/endpoint-secrets.md, "Rules"). The adapter only knows its
 * label; these rules also know the instance's default SecretProviderClass, and say in words why not.
 *
 * - `portal`: made by the portal (its managed-by label) on the default SPC: the portal edits and deletes it.
 * - `foreign`: made by another tool (the CLI, ARM, kubectl): shown, used as it is, never changed.
 * - `system`: on another SPC than the default (e.g. `opc-ua-connector`): shown, never changed.
 */
export type SyncedSecretOwner =
  | { kind: "portal" }
  | { kind: "foreign"; createdBy: string }
  | { kind: "system"; secretProviderClassName: string };

/** A system synced secret wins over a foreign one: its reason (another SPC) is the one that never changes. */
export function ownerOf(s: Pick<SecretSync, "managedByPortal" | "secretProviderClassName" | "createdBy">,
  defaultSpcName: string | null): SyncedSecretOwner {
  if (defaultSpcName === null || s.secretProviderClassName !== defaultSpcName) {
    return { kind: "system", secretProviderClassName: s.secretProviderClassName };
  }
  if (!s.managedByPortal) return { kind: "foreign", createdBy: creatorOf(s) };
  return { kind: "portal" };
}

/** The SecretSync's creating field manager, as far as the API server tells, else "another tool". */
export function creatorOf(s: Pick<SecretSync, "createdBy">): string {
  return s.createdBy ? `'${s.createdBy}'` : "another tool";
}

/** Why the portal will not change it, in words (no trailing period), or null when it may. */
export function whyNotChanged(name: string, owner: SyncedSecretOwner, defaultSpcName: string | null): string | null {
  switch (owner.kind) {
    case "portal":
      return null;
    case "foreign":
      return `Synced secret '${name}' was made by ${owner.createdBy}, not by the portal, so the portal does not change it`;
    case "system":
      return defaultSpcName === null
        ? `Synced secret '${name}' belongs to SecretProviderClass '${owner.secretProviderClassName}' and the instance has ` +
          "no default SecretProviderClass, so the portal does not change it"
        : `Synced secret '${name}' is a system synced secret (SecretProviderClass '${owner.secretProviderClassName}', ` +
          `not the instance's default '${defaultSpcName}'), so the portal never changes it`;
  }
}

/** The refusal for changing it: 403 for a system one (never changed), 409 for one made by another tool. */
export function changeRefusal(name: string, owner: SyncedSecretOwner, defaultSpcName: string | null,
  o: { field?: string; hint?: string } = {}): AppError | null {
  const why = whyNotChanged(name, owner, defaultSpcName);
  if (why === null) return null;
  const message = `${why}${o.hint ? `; ${o.hint}` : ""}.`;
  return new AppError(owner.kind === "system" ? "forbidden" : "conflict", message,
    o.field ? { errors: { [o.field]: [message] } } : {});
}

/**
 * For a delete: the Secrets page and a device's delete refuse the same ones, in the same words. Without the
 * default SPC (`undefined`: not read), only the portal's label counts.
 */
export function deleteRefusal(s: SecretSync, defaultSpcName?: string | null): AppError | null {
  const owner = defaultSpcName === undefined
    ? (s.managedByPortal ? { kind: "portal" as const } : { kind: "foreign" as const, createdBy: creatorOf(s) })
    : ownerOf(s, defaultSpcName);
  if (owner.kind === "foreign") {
    return new AppError("forbidden", `SecretSync '${s.name}' was not created by the portal (made by ${owner.createdBy}), ` +
      "so the portal does not delete it.");
  }
  const why = whyNotChanged(s.name, owner, defaultSpcName ?? null);
  return why === null ? null : new AppError("forbidden", `${why}.`);
}
