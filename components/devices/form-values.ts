import type { DeviceDetail } from "@/lib/schemas/device-api";
import {
  defaultSyncedSecretName, ENDPOINT_TYPES,
  type DeviceAuthenticationMethod, type DeviceForm, type DeviceFormInput, type InboundEndpointFormInput,
} from "@/lib/schemas/device-form";
import type { SecretReference } from "@/lib/schemas/secret-reference";

/** Building and converting the device form's values (pure functions, so the rules are easy to test). */

type AuthenticationInput = InboundEndpointFormInput["authentication"];

/** A method's fields, all empty: switching method drops the other method's references from the form. */
export function blankAuthentication(method: DeviceAuthenticationMethod): AuthenticationInput {
  switch (method) {
    case "Anonymous": return { method };
    case "UsernamePassword": return { method, username: null, password: null };
    case "Certificate": return { method, certificate: null, key: null, intermediateCertificates: null };
  }
}

export function blankEndpoint(deviceName: string, endpointName = ""): InboundEndpointFormInput {
  return {
    name: endpointName,
    endpointType: ENDPOINT_TYPES.opcUa,
    address: "",
    version: "",
    additionalConfiguration: "",
    trustList: null,
    authentication: blankAuthentication("Anonymous"),
    syncedSecretName: defaultSyncedSecretName(deviceName, endpointName),
  };
}

export function blankDevice(): DeviceFormInput {
  return { name: "", manufacturer: "", model: "", enabled: true, endpoints: [blankEndpoint("")] };
}

/** The edit form's values from `GET /api/devices/{name}` (references come back as Key Vault names, never values). */
export function formValuesFromDetail(d: DeviceDetail): DeviceFormInput {
  return {
    name: d.name,
    manufacturer: d.manufacturer,
    model: d.model,
    enabled: d.enabled,
    endpoints: d.endpoints.map((e) => ({
      name: e.name,
      endpointType: e.endpointType,
      address: e.address,
      version: e.version,
      additionalConfiguration: e.additionalConfiguration,
      trustList: e.trustList,
      authentication: e.authentication,
      syncedSecretName: e.syncedSecretName,
    })),
  };
}

/** What the request sends: a trust list only for OPC UA (the field is hidden for other types). */
export function requestFields(values: DeviceForm): DeviceForm {
  return {
    ...values,
    endpoints: values.endpoints.map((e) => (e.endpointType === ENDPOINT_TYPES.opcUa ? e : { ...e, trustList: null })),
  };
}

const existing = (r: SecretReference | null | undefined): SecretReference | null =>
  r ? { source: "existing", keyVaultSecretName: r.keyVaultSecretName } : null;

/**
 * The form's values after a successful save: every new secret is now in Key Vault, so its reference becomes an
 * existing one and its value leaves the form's state.
 */
export function savedValues(values: DeviceForm): DeviceFormInput {
  return {
    ...values,
    endpoints: values.endpoints.map((e) => {
      const a = e.authentication;
      const authentication: AuthenticationInput =
        a.method === "UsernamePassword" ? { method: a.method, username: existing(a.username), password: existing(a.password) }
          : a.method === "Certificate"
            ? { method: a.method, certificate: existing(a.certificate), key: existing(a.key), intermediateCertificates: existing(a.intermediateCertificates) }
            : { method: a.method };
      return { ...e, trustList: existing(e.trustList), authentication };
    }),
  };
}

/**
 * The synced secret name follows the device and endpoint names while it still is the default for the old names
 * (or empty); once the operator has typed another name, it stays.
 */
export function followedSyncedSecretName(current: string, old: { device: string; endpoint: string }, next: { device: string; endpoint: string }): string {
  const follows = current === "" || current === defaultSyncedSecretName(old.device, old.endpoint);
  return follows ? defaultSyncedSecretName(next.device, next.endpoint) : current;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const METHODS: readonly DeviceAuthenticationMethod[] = ["Anonymous", "UsernamePassword", "Certificate"];

/**
 * Puts back what the form kept across a sign-in redirect (non-secret fields only) onto the values it has now
 * (blank, or the device as loaded). A restored endpoint keeps the references of the loaded one at its place as
 * long as the method is the same; the synced secret name (dropped as secret-looking) is the loaded one or the default.
 */
export function mergeRestored(current: DeviceFormInput, restored: Record<string, unknown>): DeviceFormInput {
  const device = str(restored.name) ?? current.name;
  const restoredEndpoints = Array.isArray(restored.endpoints) ? restored.endpoints : null;
  const endpoints = restoredEndpoints
    ? restoredEndpoints.map((raw, i) => {
      const r = (raw !== null && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
      const loaded = current.endpoints[i];
      const base = loaded ?? blankEndpoint(device);
      const name = str(r.name) ?? base.name;
      const auth = (r.authentication ?? {}) as Record<string, unknown>;
      const method = METHODS.find((m) => m === auth.method) ?? base.authentication.method;
      return {
        ...base,
        name,
        endpointType: str(r.endpointType) ?? base.endpointType,
        address: str(r.address) ?? base.address,
        version: str(r.version) ?? base.version,
        additionalConfiguration: str(r.additionalConfiguration) ?? base.additionalConfiguration,
        authentication: method === base.authentication.method ? base.authentication : blankAuthentication(method),
        syncedSecretName: loaded?.syncedSecretName || defaultSyncedSecretName(device, name),
      };
    })
    : current.endpoints;
  return {
    name: device,
    manufacturer: str(restored.manufacturer) ?? current.manufacturer,
    model: str(restored.model) ?? current.model,
    enabled: typeof restored.enabled === "boolean" ? restored.enabled : current.enabled,
    endpoints: endpoints.length ? endpoints : current.endpoints,
  };
}

/** The device form's top-level fields: a 400's messages under them go next to the fields. */
export const DEVICE_FORM_FIELDS: ReadonlySet<string> = new Set(["name", "manufacturer", "model", "enabled", "endpoints"]);

/** The form's secret fields, never kept in the browser (declared for the sign-in snapshot). */
export const DEVICE_SECRET_PATHS = [
  "endpoints.*.trustList",
  "endpoints.*.authentication.username",
  "endpoints.*.authentication.password",
  "endpoints.*.authentication.certificate",
  "endpoints.*.authentication.key",
  "endpoints.*.authentication.intermediateCertificates",
] as const;
