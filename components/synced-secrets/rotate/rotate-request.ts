import { rotateSecretInput, type RotateSecretInput } from "@/lib/schemas/synced-secret-rotate";
import { KEY_VAULT_VALUE_MAX_BYTES, utf8Bytes } from "@/lib/schemas/secret-reference";
import { checkDates, type DateChoice, type DatesCheck } from "@/components/secret-reference/new-secret-dates";

/** The rotate form as typed: the value, and the properties as they stand against what the current version has. */
export interface RotateForm {
  source: string;
  value: string;
  contentType: string;
  activation: DateChoice;
  expiration: DateChoice;
}

/** What the current version has, as the form first shows it (so "unchanged" can be told apart from "cleared"). */
export interface RotateInitial {
  contentType: string;
  activation: DateChoice;
  expiration: DateChoice;
}

const sameChoice = (a: DateChoice, b: DateChoice) => a.on === b.on && (!a.on || a.local === b.local);

/**
 * The request the form makes: a property left as it was is omitted, so the server carries the current version's
 * over exactly (an unchanged date is not re-sent at minute precision); a date turned off is `null` (cleared); a
 * changed one is sent. Dates are checked as *Create new secret* checks them, carried-over ones included (a new
 * version that is already expired would fail at once). `blocker` says what stops the request, never with the value.
 */
export function rotateRequest(form: RotateForm, initial: RotateInitial, idempotencyKey: string, now: Date):
  { input: RotateSecretInput | null; dates: DatesCheck; blocker: string | null } {
  const dates = checkDates(form.activation, form.expiration, now);
  const contentType = form.contentType.trim();
  const candidate = {
    source: form.source,
    value: form.value,
    idempotencyKey,
    ...(contentType !== initial.contentType.trim() ? { contentType } : {}),
    ...(sameChoice(form.activation, initial.activation) ? {} : { notBefore: form.activation.on ? (dates.notBefore ?? null) : null }),
    ...(sameChoice(form.expiration, initial.expiration) ? {} : { expiresOn: form.expiration.on ? (dates.expiresOn ?? null) : null }),
  };
  const blocker = form.value === "" ? "Enter or upload the new value"
    : utf8Bytes(form.value) > KEY_VAULT_VALUE_MAX_BYTES ? "The value is larger than Key Vault's 25 KB limit"
      : contentType.length > 255 ? "Use at most 255 characters for the content type"
        : dates.blocker;
  if (blocker) return { input: null, dates, blocker };
  const parsed = rotateSecretInput.safeParse(candidate);
  // The schema the route uses has the last word; its messages never contain the value.
  if (!parsed.success) return { input: null, dates, blocker: parsed.error.issues[0]?.message ?? "Check the form" };
  return { input: parsed.data, dates, blocker: null };
}
