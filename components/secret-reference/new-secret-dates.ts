import { localInputToIso } from "./date-input";

/** One of the *Set activation date* / *Set expiration date* toggles: on or off, and the `datetime-local` text. */
export interface DateChoice {
  on: boolean;
  local: string;
}

export interface DateNote {
  message: string;
  tone: "danger" | "info";
}

export interface DatesCheck {
  /** ISO with offset, for the reference (`nbf` / `exp` in Key Vault). */
  notBefore?: string;
  expiresOn?: string;
  activation: DateNote | null;
  expiration: DateNote | null;
  /** Why the dates keep the secret from being added, or null. */
  blocker: string | null;
}

/**
 * The dates of a new secret. A future activation date is allowed but said plainly: Key Vault refuses to hand out
 * the value before then, so the synced secret fails until that time. An expiration in the past, or not after the
 * activation, is refused.
 */
export function checkDates(activation: DateChoice, expiration: DateChoice, now: Date): DatesCheck {
  const notBefore = activation.on ? localInputToIso(activation.local) : null;
  const expiresOn = expiration.on ? localInputToIso(expiration.local) : null;
  let activationNote: DateNote | null = null;
  let expirationNote: DateNote | null = null;
  let blocker: string | null = null;

  if (activation.on && !notBefore) {
    activationNote = { message: "Enter the activation date and time", tone: "danger" };
    blocker = "Enter the activation date, or turn it off";
  } else if (notBefore && Date.parse(notBefore) > now.getTime()) {
    activationNote = { message: "Until then Key Vault will not hand out the value, so the synced secret fails until this time.", tone: "info" };
  }
  if (expiration.on && !expiresOn) {
    expirationNote = { message: "Enter the expiration date and time", tone: "danger" };
    blocker ??= "Enter the expiration date, or turn it off";
  } else if (expiresOn && Date.parse(expiresOn) <= now.getTime()) {
    expirationNote = { message: "The expiration date is in the past", tone: "danger" };
    blocker ??= "Choose an expiration date in the future";
  } else if (expiresOn && notBefore && Date.parse(expiresOn) <= Date.parse(notBefore)) {
    expirationNote = { message: "The expiration date must be after the activation date", tone: "danger" };
    blocker ??= "Choose an expiration date after the activation date";
  }
  return {
    ...(notBefore ? { notBefore } : {}),
    ...(expiresOn ? { expiresOn } : {}),
    activation: activationNote,
    expiration: expirationNote,
    blocker,
  };
}
