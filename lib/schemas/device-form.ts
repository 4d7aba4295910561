import { z } from "zod";
import { newCertificateKeyPairRule, newCertificatesRule, newPrivateKeyRule } from "@/lib/pem/form-rules";
import { kubeObjectName } from "@/lib/schemas/kube-metadata";
import { optionalSecretReference, type SecretReference } from "@/lib/schemas/secret-reference";

/**
 * The device form (create and edit) and the body of `POST /api/devices` / `PUT /api/devices/{name}`: one schema,
 * used by the form's resolver and by the route, so a message the route sends names the same field the form shows.
 *
 * Each inbound endpoint keeps its secret references under one **synced secret name** (one SecretSync, seed 002);
 * the Device then names `<synced secret>/<key>` with the fixed keys below.
 */

/** The key each secret field gets in the endpoint's synced secret (the Kubernetes Secret's data key). */
export const DEVICE_SECRET_KEYS = {
  username: "username",
  password: "password",
  certificate: "certificate",
  key: "key",
  intermediateCertificates: "intermediateCertificates",
  trustList: "trustList",
} as const;
export type DeviceSecretField = keyof typeof DEVICE_SECRET_KEYS;

export const ENDPOINT_TYPES = { opcUa: "Microsoft.OpcUa", onvif: "Microsoft.Onvif" } as const;

/** Device names: a DNS-1123 label (the Device is a Kubernetes object, and names appear in default synced secret names). */
export const deviceName = z.string()
  .min(1, "Enter a device name")
  .max(63, "Use at most 63 characters")
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "Use lowercase letters, digits and dashes, starting and ending with a letter or digit")
  // `/devices/new` is the create page's URL, so a device of that name could never be opened.
  .refine((n) => n !== "new", "The name 'new' is taken by the portal's create page; choose another");

export const endpointName = z.string()
  .min(1, "Enter an endpoint name")
  .max(63, "Use at most 63 characters")
  .regex(/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/, "Use letters, digits, dashes, dots and underscores, starting and ending with a letter or digit");

const OPC_UA_ADDRESS = /^opc\.tcp:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?):(\d{1,5})(\/\S*)?$/;

/** Why an address does not suit the endpoint type, or null when it does. */
export function addressProblem(endpointType: string, address: string): string | null {
  if (address.trim() === "") return "Enter an address";
  if (/\s/.test(address)) return "An address has no spaces";
  if (endpointType === ENDPOINT_TYPES.opcUa) {
    const m = OPC_UA_ADDRESS.exec(address);
    if (!m) return "Use opc.tcp://host:port, e.g. opc.tcp://10.0.0.12:4840";
    const port = Number(m[3]);
    return port >= 1 && port <= 65535 ? null : "Use a port from 1 to 65535";
  }
  if (endpointType === ENDPOINT_TYPES.onvif) {
    try {
      const url = new URL(address);
      if (url.protocol !== "http:" && url.protocol !== "https:") return "Use an http:// or https:// address";
      return url.hostname ? null : "Enter a host";
    } catch {
      return "Use an http:// or https:// address, e.g. http://10.0.0.20/onvif/device_service";
    }
  }
  return null;
}

/** `additionalConfiguration` is stringified JSON (domain.md §3.2): an object, or empty. */
export function additionalConfigurationProblem(text: string): string | null {
  if (text.trim() === "") return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? null : "Enter a JSON object, e.g. {\"publishingInterval\": 1000}";
  } catch (err) {
    return `Not valid JSON: ${err instanceof Error ? err.message.replace(/ in JSON at position.*$/, "") : "cannot be read"}`;
  }
}

const required = (what: string) => optionalSecretReference.refine((v) => v !== null, `Add a reference for the ${what}`);

export const deviceAuthenticationForm = z.discriminatedUnion("method", [
  z.object({ method: z.literal("Anonymous") }),
  z.object({ method: z.literal("UsernamePassword"), username: required("username"), password: required("password") }),
  // New PEM (Create new secret) must be what the connector can use: a readable certificate, an unencrypted key that
  // belongs to it when both are new, certificates only in the chain (lib/pem; async: WebCrypto).
  z.object({
    method: z.literal("Certificate"),
    certificate: required("certificate").superRefine(newCertificatesRule("certificate")),
    key: required("private key").superRefine(newPrivateKeyRule),
    intermediateCertificates: optionalSecretReference.superRefine(newCertificatesRule("intermediate")).default(null),
  }).superRefine(newCertificateKeyPairRule),
]);
export type DeviceAuthenticationForm = z.infer<typeof deviceAuthenticationForm>;
export type DeviceAuthenticationMethod = DeviceAuthenticationForm["method"];

export const inboundEndpointForm = z.object({
  name: endpointName,
  endpointType: z.string().trim().min(1, "Choose or type an endpoint type").max(253, "Use at most 253 characters"),
  address: z.string().max(2048, "Use at most 2048 characters"),
  version: z.string().max(63, "Use at most 63 characters").default(""),
  additionalConfiguration: z.string().max(64 * 1024, "Use at most 64 KB").default(""),
  /** OPC UA trust list (`trustSettings.trustList`), key `trustList`. */
  trustList: optionalSecretReference.superRefine(newCertificatesRule("trustList")).default(null),
  authentication: deviceAuthenticationForm,
  /** The SecretSync (and Kubernetes Secret) holding this endpoint's references; required when it has any. */
  syncedSecretName: z.union([kubeObjectName, z.literal("")]).default(""),
}).superRefine((e, ctx) => {
  const address = addressProblem(e.endpointType, e.address);
  if (address) ctx.addIssue({ code: "custom", path: ["address"], message: address });
  const config = additionalConfigurationProblem(e.additionalConfiguration);
  if (config) ctx.addIssue({ code: "custom", path: ["additionalConfiguration"], message: config });
  if (endpointReferences(e).length > 0 && e.syncedSecretName === "") {
    ctx.addIssue({ code: "custom", path: ["syncedSecretName"], message: "Enter a synced secret name for this endpoint's references" });
  }
});
export type InboundEndpointForm = z.infer<typeof inboundEndpointForm>;
export type InboundEndpointFormInput = z.input<typeof inboundEndpointForm>;

/** The fields of a device the form edits; every other field of the Device is kept on save. */
export const deviceFormFields = z.object({
  name: deviceName,
  manufacturer: z.string().trim().max(253, "Use at most 253 characters").default(""),
  model: z.string().trim().max(253, "Use at most 253 characters").default(""),
  enabled: z.boolean().default(true),
  endpoints: z.array(inboundEndpointForm).min(1, "Add at least one inbound endpoint").max(50, "Use at most 50 endpoints"),
});

export const deviceForm = deviceFormFields.superRefine((d, ctx) => formRules(d, ctx));

/**
 * The rules across endpoints, for {@link deviceForm} and the request bodies that extend its fields. (The bodies run
 * these directly rather than re-parsing with `deviceForm`: a sync re-parse cannot run the async PEM checks, and
 * would report every field issue a second time.)
 */
function formRules(d: z.infer<typeof deviceFormFields>, ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  d.endpoints.forEach((e, i) => {
    const first = seen.get(e.name);
    if (first !== undefined) ctx.addIssue({ code: "custom", path: ["endpoints", i, "name"], message: `Endpoint '${e.name}' is listed twice` });
    else seen.set(e.name, i);
  });
  // Within one form: a key of one synced secret points at one Key Vault secret, and a new secret is created once.
  const keyOwner = new Map<string, { vault: string; endpoint: string }>();
  const created = new Set<string>();
  d.endpoints.forEach((e, i) => {
    for (const r of endpointReferences(e)) {
      const path = ["endpoints", i, ...r.path];
      const slot = `${e.syncedSecretName}/${r.key}`;
      const owner = keyOwner.get(slot);
      if (owner && owner.vault.toLowerCase() !== r.reference.keyVaultSecretName.toLowerCase()) {
        ctx.addIssue({ code: "custom", path, message: `Key '${r.key}' of synced secret '${e.syncedSecretName}' already refers to ` +
          `Key Vault secret '${owner.vault}' (endpoint '${owner.endpoint}'); use another synced secret name` });
      } else if (!owner) keyOwner.set(slot, { vault: r.reference.keyVaultSecretName, endpoint: e.name });
      if (r.reference.source === "new") {
        const name = r.reference.keyVaultSecretName.toLowerCase();
        if (created.has(name)) ctx.addIssue({ code: "custom", path, message: `Key Vault secret '${r.reference.keyVaultSecretName}' is created twice in this form` });
        created.add(name);
      }
    }
  });
}
export type DeviceForm = z.infer<typeof deviceForm>;
export type DeviceFormInput = z.input<typeof deviceForm>;

/** `POST /api/devices`: the form plus the save's idempotency key (a retry with the same key finishes the save). */
export const createDeviceBody = deviceFormFields.extend({ idempotencyKey: z.uuid("Send a UUID as idempotencyKey") })
  .superRefine((d, ctx) => formRules(d, ctx));

/** `PUT /api/devices/{name}`: also the resourceVersion the form loaded (409 when the device changed since). */
export const updateDeviceBody = deviceFormFields.extend({
  idempotencyKey: z.uuid("Send a UUID as idempotencyKey"),
  resourceVersion: z.string().min(1, "Send the resourceVersion the form loaded").max(64),
}).superRefine((d, ctx) => formRules(d, ctx));

export const deviceNameParams = z.object({ name: deviceName });

/** `?dryRun=All`: review what a save would write, without writing. */
export const dryRunQuery = z.object({ dryRun: z.literal("All", { message: "Use dryRun=All" }).optional() });

export interface FoundEndpointReference {
  field: DeviceSecretField;
  /** Path inside the endpoint form, e.g. ["authentication", "username"]. */
  path: (string | number)[];
  key: string;
  reference: SecretReference;
}

/** The references an endpoint form holds, with the key each one gets in its synced secret. */
export function endpointReferences(e: Pick<InboundEndpointForm, "authentication" | "trustList">): FoundEndpointReference[] {
  const out: FoundEndpointReference[] = [];
  const add = (field: DeviceSecretField, path: (string | number)[], reference: SecretReference | null | undefined) => {
    if (reference) out.push({ field, path, key: DEVICE_SECRET_KEYS[field], reference });
  };
  const a = e.authentication;
  if (a.method === "UsernamePassword") {
    add("username", ["authentication", "username"], a.username);
    add("password", ["authentication", "password"], a.password);
  } else if (a.method === "Certificate") {
    add("certificate", ["authentication", "certificate"], a.certificate);
    add("key", ["authentication", "key"], a.key);
    add("intermediateCertificates", ["authentication", "intermediateCertificates"], a.intermediateCertificates);
  }
  add("trustList", ["trustList"], e.trustList);
  return out;
}

/** The synced secret name the form suggests: `<device>-<endpoint>`, made a valid Kubernetes name. */
export function defaultSyncedSecretName(device: string, endpoint: string): string {
  const raw = `${device}-${endpoint}`.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-+|-+$/g, "");
  return raw.slice(0, 253).replace(/-+$/, "");
}
