import { useEffect, useRef, useState } from "react";

/**
 * Keeps an operator's half-filled form across a sign-in redirect (session expired while typing). Right before the
 * browser leaves for the identity provider, every mounted form's non-secret fields are written to sessionStorage
 * under the form's key; when the form mounts again after sign-in they are put back and removed from storage.
 * Secret values are never stored in the browser: fields the form declares secret, and any field whose name
 * looks like one (value, secret, password, token…), are dropped, so the form asks for them again.
 */

const PREFIX = "ops-portal.form:";
/** A snapshot older than this is stale (the operator has long moved on): ignored and removed. */
const MAX_AGE_MS = 60 * 60 * 1000;
const SECRET_LOOKING = /value|secret|password|passphrase|token|credential|key$/i;

type Values = Record<string, unknown>;

interface Snapshot {
  path: string;
  savedAt: number;
  values: Values;
}

const savers = new Set<() => void>();

/** Called by the sign-in code right before it redirects the browser away. */
export function saveFormsBeforeSignIn(): void {
  for (const save of savers) {
    try {
      save();
    } catch {
      // A full or disabled sessionStorage must not stop the sign-in.
    }
  }
}

/**
 * The values without secret fields (declared ones by dotted path, and secret-looking names at any depth). Arrays are
 * walked too (`endpoints.0.authentication.password`); a declared path may say `*` for any array index
 * (`endpoints.*.authentication.password`).
 */
export function withoutSecrets(values: Values, secretFields: readonly string[], prefix = ""): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (isDeclaredSecret(path, secretFields) || SECRET_LOOKING.test(k)) continue;
    out[k] = withoutSecretsIn(v, secretFields, path);
  }
  return out;
}

function withoutSecretsIn(v: unknown, secretFields: readonly string[], path: string): unknown {
  if (Array.isArray(v)) {
    return v.map((item, i) => {
      const itemPath = `${path}.${i}`;
      return isDeclaredSecret(itemPath, secretFields) ? null : withoutSecretsIn(item, secretFields, itemPath);
    });
  }
  if (v !== null && typeof v === "object") return withoutSecrets(v as Values, secretFields, path);
  return v;
}

function isDeclaredSecret(path: string, secretFields: readonly string[]): boolean {
  const parts = path.split(".");
  return secretFields.some((declared) => {
    const want = declared.split(".");
    return want.length === parts.length && want.every((w, i) => w === parts[i] || (w === "*" && /^\d+$/.test(parts[i]!)));
  });
}

export function writeSnapshot(storage: Storage, key: string, path: string, values: Values, secretFields: readonly string[], now = Date.now()): void {
  const snap: Snapshot = { path, savedAt: now, values: withoutSecrets(values, secretFields) };
  storage.setItem(PREFIX + key, JSON.stringify(snap));
}

/** Reads and removes the snapshot of `key` if it was saved on `path` within the last hour. */
export function takeSnapshot(storage: Storage, key: string, path: string, now = Date.now()): Values | null {
  const raw = storage.getItem(PREFIX + key);
  if (raw === null) return null;
  storage.removeItem(PREFIX + key);
  try {
    const snap = JSON.parse(raw) as Snapshot;
    if (snap.path !== path || now - snap.savedAt > MAX_AGE_MS || typeof snap.values !== "object") return null;
    return snap.values;
  } catch {
    return null;
  }
}

export interface PreservedFormOptions<T extends Values> {
  /** Stable per form, e.g. `new-key-vault-secret`. */
  key: string;
  getValues: () => T;
  /** Dotted paths of the fields that hold secret values (`*` for any array index): never stored, asked for again. */
  secretFields: readonly string[];
  onRestore: (values: Partial<T>) => void;
}

export interface PreservedFormState {
  /** True after non-secret fields were put back following a sign-in. */
  restored: boolean;
  /** The secret fields the operator must enter again (empty unless restored). */
  secretFieldsToReenter: readonly string[];
  dismiss(): void;
}

export function usePreservedForm<T extends Values>(o: PreservedFormOptions<T>): PreservedFormState {
  const latest = useRef(o);
  useEffect(() => {
    latest.current = o;
  });
  const [restored, setRestored] = useState(false);
  const { key } = o;

  useEffect(() => {
    const save = () => {
      const cur = latest.current;
      writeSnapshot(window.sessionStorage, key, window.location.pathname, cur.getValues(), cur.secretFields);
    };
    savers.add(save);
    const values = takeSnapshot(window.sessionStorage, key, window.location.pathname);
    if (values) {
      latest.current.onRestore(values as Partial<T>);
      // Restoring is a response to a redirect that just happened: show it once, after the fields are back.
      setRestored(true); // eslint-disable-line react-hooks/set-state-in-effect
    }
    return () => {
      savers.delete(save);
    };
  }, [key]);

  return {
    restored,
    secretFieldsToReenter: restored ? o.secretFields : [],
    dismiss: () => setRestored(false),
  };
}
