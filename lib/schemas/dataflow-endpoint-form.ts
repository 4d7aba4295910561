import { z } from "zod";
import { newCertificateKeyPairRule, newCertificatesRule, newPrivateKeyRule } from "@/lib/pem/form-rules";
import { hostPortProblem, httpsUrlProblem, portOf } from "@/lib/schemas/dataflow-endpoint-host";
import { eventHubConnectionStringProblem, sasTokenProblem } from "@/lib/schemas/dataflow-endpoint-secret-values";
import { kubeObjectName } from "@/lib/schemas/kube-metadata";
import { optionalSecretReference, type SecretReference } from "@/lib/schemas/secret-reference";

/**
 * The data flow endpoint form (create and edit) and the body of `POST /api/dataflow-endpoints` /
 * `PUT /api/dataflow-endpoints/{name}`: one schema, used by the form's resolver and by the route, so a message the
 * route sends names the field the form shows (paths like `authentication.password`, `tls.mode`).
 *
 * A discriminated union on `endpointType` (domain.md §3.3); Mqtt and Kafka also carry `hostType`. Inside each, a
 * discriminated union on `authentication.method` with only that method's fields. Field names follow AIO's own
 * (`<type>Settings`) where the form edits one of them, so the mapping onto the resource is one to one. Settings the
 * form does not show (e.g. Kafka compression, MQTT QoS) are kept on save.
 *
 * A method with a secret names Key Vault secrets (`optionalSecretReference`, *Add reference*); the portal syncs
 * them into one Kubernetes Secret, `syncedSecretName`, whose keys are fixed by the method
 * ({@link DATAFLOW_SECRET_KEYS}) and which the endpoint names as `secretRef`.
 */

export const DATAFLOW_ENDPOINT_TYPES = [
  "Mqtt", "Kafka", "DataExplorer", "DataLakeStorage", "FabricOneLake", "OpenTelemetry", "LocalStorage",
] as const;
export type DataflowEndpointType = (typeof DATAFLOW_ENDPOINT_TYPES)[number];

export const MQTT_HOST_TYPES = ["LocalBroker", "EventGrid", "CustomMqtt"] as const;
export type MqttHostType = (typeof MQTT_HOST_TYPES)[number];
export const KAFKA_HOST_TYPES = ["Eventhub", "FabricRT", "CustomKafka"] as const;
export type KafkaHostType = (typeof KAFKA_HOST_TYPES)[number];

/** Kafka host types whose SASL username is the literal `$ConnectionString` and password a connection string. */
export const CONNECTION_STRING_HOST_TYPES: readonly KafkaHostType[] = ["Eventhub", "FabricRT"];
export const usesConnectionString = (hostType: string): boolean =>
  (CONNECTION_STRING_HOST_TYPES as readonly string[]).includes(hostType);

/** The key each secret field gets in the endpoint's synced secret (fixed by AIO per method, domain.md §3.3). */
export const DATAFLOW_SECRET_KEYS = {
  username: "username",
  password: "password",
  certificate: "client_cert.pem",
  key: "client_key.pem",
  intermediateCertificates: "client_intermediate_certs.pem",
  accessToken: "accessToken",
} as const;
export type DataflowSecretField = keyof typeof DATAFLOW_SECRET_KEYS;

/** Event Hubs and Fabric RTI take this literal as the SASL username; the password is the connection string. */
export const EVENT_HUB_SASL_USERNAME = "$ConnectionString";

/**
 * The Key Vault secret holding {@link EVENT_HUB_SASL_USERNAME}: synced keys come only from Key Vault, so the portal
 * keeps one such secret, shared by every Event Hubs / Fabric RTI endpoint, and creates it on first use.
 */
export const EVENT_HUB_USERNAME_VAULT_SECRET = "ops-portal-eventhub-username";

/** AIO's own endpoint to the local broker: it can be edited, never deleted. */
export const AIO_DEFAULT_DATAFLOW_ENDPOINT = "default";

/**
 * Data flow endpoint names: ARM's rule for `dataflowEndpoints` (3–63 lowercase letters, digits and dashes). `new`
 * is the create page's URL, so an endpoint of that name could never be opened.
 */
export const dataflowEndpointName = z.string({ message: "Enter an endpoint name" })
  .min(3, "Use at least 3 characters")
  .max(63, "Use at most 63 characters")
  .regex(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/, "Use lowercase letters, digits and dashes, starting and ending with a letter or digit")
  .refine((n) => n !== "new", "The name 'new' is taken by the portal's create page; choose another");

// ---- Settings blocks shared by several types -------------------------------------------------------------------

const configMapName = z.union([kubeObjectName, z.literal("")]);

/** `tls` of Mqtt, Kafka and OpenTelemetry; the trusted CA is a ConfigMap (empty: the system's CAs). */
export const dataflowTls = z.object({
  mode: z.enum(["Enabled", "Disabled"], { message: "Choose Enabled or Disabled" }),
  trustedCaCertificateConfigMapRef: configMapName.default(""),
});
export type DataflowTls = z.infer<typeof dataflowTls>;

/** A whole number the operator may leave empty (null: the service's default, the field is not written). */
const optionalCount = (what: string) => z.number({ message: `Enter a whole number for ${what}` })
  .int(`Enter a whole number for ${what}`).min(0, `Use 0 or more for ${what}`).max(2_147_483_647, `Use a smaller ${what}`)
  .nullable().default(null);

/** Kafka batching, as AIO names it (`kafkaSettings.batching`). */
export const kafkaBatching = z.object({
  mode: z.enum(["Enabled", "Disabled"], { message: "Choose Enabled or Disabled" }).default("Enabled"),
  latencyMs: optionalCount("the latency"),
  maxBytes: optionalCount("the maximum bytes"),
  maxMessages: optionalCount("the maximum messages"),
});
/** Batching of the storage, analytics and OpenTelemetry endpoints (`<type>Settings.batching`). */
export const secondsBatching = z.object({
  latencySeconds: optionalCount("the latency"),
  maxMessages: optionalCount("the maximum messages"),
});

// ---- Authentication methods ------------------------------------------------------------------------------------

const required = (what: string) => optionalSecretReference.refine((v) => v !== null, `Add a reference for the ${what}`);

const systemAssignedManagedIdentity = z.object({
  method: z.literal("SystemAssignedManagedIdentity"),
  /** Empty: the service's default audience. */
  audience: z.string().trim().max(2048, "Use at most 2048 characters").default(""),
});
const userAssignedManagedIdentity = z.object({
  method: z.literal("UserAssignedManagedIdentity"),
  clientId: z.uuid("Enter the identity's client ID (a GUID)"),
  tenantId: z.uuid("Enter the tenant ID (a GUID)"),
  /** Empty: the service's default scope. */
  scope: z.string().trim().max(2048, "Use at most 2048 characters").default(""),
});
const serviceAccountToken = z.object({
  method: z.literal("ServiceAccountToken"),
  audience: z.string().trim().min(1, "Enter the token's audience").max(2048, "Use at most 2048 characters"),
});
const anonymous = z.object({ method: z.literal("Anonymous") });

/** X.509 client certificate; new PEM gets the device form's checks (lib/pem), the pair only when both are new. */
const x509Certificate = z.object({
  method: z.literal("X509Certificate"),
  certificate: required("client certificate").superRefine(newCertificatesRule("certificate")),
  key: required("client key").superRefine(newPrivateKeyRule),
  intermediateCertificates: optionalSecretReference.superRefine(newCertificatesRule("intermediate")).default(null),
}).superRefine(newCertificateKeyPairRule);

/**
 * Kafka SASL. Custom Kafka asks for both; Event Hubs and Fabric RTI only for the password (a connection string):
 * their username is the literal `$ConnectionString`, which the portal supplies (leave `username` null).
 */
const sasl = z.object({
  method: z.literal("Sasl"),
  saslType: z.enum(["Plain", "ScramSha256", "ScramSha512"], { message: "Choose Plain, ScramSha256 or ScramSha512" }),
  username: optionalSecretReference.default(null),
  password: required("password"),
});

/** Data Lake Storage SAS token (key `accessToken`, without the leading `?`). */
const accessToken = z.object({
  method: z.literal("AccessToken"),
  accessToken: required("SAS token").superRefine((r, ctx) => {
    const problem = r?.source === "new" ? sasTokenProblem(r.value) : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
});

const methods = <T extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]]>(options: T) =>
  z.discriminatedUnion("method", options, { error: "Choose an authentication method this endpoint type supports" });

export const mqttAuthentication = methods([systemAssignedManagedIdentity, userAssignedManagedIdentity, serviceAccountToken,
  x509Certificate, anonymous]);
export const kafkaAuthentication = methods([systemAssignedManagedIdentity, userAssignedManagedIdentity, sasl,
  x509Certificate, anonymous]);
export const dataLakeStorageAuthentication = methods([systemAssignedManagedIdentity, userAssignedManagedIdentity, accessToken]);
export const managedIdentityAuthentication = methods([systemAssignedManagedIdentity, userAssignedManagedIdentity]);
export const openTelemetryAuthentication = methods([serviceAccountToken, x509Certificate, anonymous]);

export type DataflowAuthentication = z.infer<typeof mqttAuthentication> | z.infer<typeof kafkaAuthentication>
  | z.infer<typeof dataLakeStorageAuthentication> | z.infer<typeof openTelemetryAuthentication>;
export type DataflowAuthenticationMethod = DataflowAuthentication["method"];

// ---- One variant per endpoint type -----------------------------------------------------------------------------

const common = {
  name: dataflowEndpointName,
  /** The SecretSync (and Kubernetes Secret, the endpoint's `secretRef`); required when the method has a secret. */
  syncedSecretName: z.union([kubeObjectName, z.literal("")]).default(""),
};

const hostPort = (example: string) => z.string().trim().max(1024, "Use at most 1024 characters")
  .superRefine((host, ctx) => {
    const problem = hostPortProblem(host, example);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const httpsUrl = (example: string) => z.string().trim().max(2048, "Use at most 2048 characters")
  .superRefine((host, ctx) => {
    const problem = httpsUrlProblem(host, example);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const mqttEndpointForm = z.object({
  ...common,
  endpointType: z.literal("Mqtt"),
  hostType: z.enum(MQTT_HOST_TYPES, { message: "Choose the local broker, Event Grid or a custom MQTT broker" }),
  host: hostPort("aio-broker:18883"),
  tls: dataflowTls,
  authentication: mqttAuthentication,
}).superRefine(syncedSecretRule);

export const kafkaEndpointForm = z.object({
  ...common,
  endpointType: z.literal("Kafka"),
  hostType: z.enum(KAFKA_HOST_TYPES, { message: "Choose Event Hubs, Fabric Real-Time Intelligence or a custom Kafka broker" }),
  host: hostPort("<namespace>.servicebus.windows.net:9093"),
  tls: dataflowTls,
  batching: kafkaBatching.prefault({}),
  authentication: kafkaAuthentication,
}).superRefine((e, ctx) => {
  if (e.hostType === "Eventhub" && portOf(e.host) !== null && portOf(e.host) !== 9093) {
    ctx.addIssue({ code: "custom", path: ["host"], message: "Event Hubs takes Kafka clients on port 9093, e.g. <namespace>.servicebus.windows.net:9093" });
  }
  const a = e.authentication;
  if (a.method === "Sasl") {
    if (usesConnectionString(e.hostType)) {
      if (a.saslType !== "Plain") {
        ctx.addIssue({ code: "custom", path: ["authentication", "saslType"], message: "Event Hubs and Fabric RTI take SASL Plain" });
      }
      if (a.username !== null) {
        ctx.addIssue({ code: "custom", path: ["authentication", "username"],
          message: "Leave the username out: Event Hubs and Fabric RTI take the literal $ConnectionString, which the portal supplies" });
      }
      const problem = a.password?.source === "new" ? eventHubConnectionStringProblem(a.password.value) : null;
      if (problem) ctx.addIssue({ code: "custom", path: ["authentication", "password"], message: problem });
    } else if (a.username === null) {
      ctx.addIssue({ code: "custom", path: ["authentication", "username"], message: "Add a reference for the username" });
    }
  }
  syncedSecretRule(e, ctx);
});

export const dataExplorerEndpointForm = z.object({
  ...common,
  endpointType: z.literal("DataExplorer"),
  host: httpsUrl("https://<cluster>.<region>.kusto.windows.net"),
  database: z.string().trim().min(1, "Enter the database name").max(260, "Use at most 260 characters"),
  batching: secondsBatching.prefault({}),
  authentication: managedIdentityAuthentication,
}).superRefine(syncedSecretRule);

export const dataLakeStorageEndpointForm = z.object({
  ...common,
  endpointType: z.literal("DataLakeStorage"),
  host: httpsUrl("https://<account>.blob.core.windows.net"),
  batching: secondsBatching.prefault({}),
  authentication: dataLakeStorageAuthentication,
}).superRefine(syncedSecretRule);

export const fabricOneLakeEndpointForm = z.object({
  ...common,
  endpointType: z.literal("FabricOneLake"),
  host: httpsUrl("https://onelake.dfs.fabric.microsoft.com"),
  lakehouseName: z.string().trim().min(1, "Enter the lakehouse name").max(256, "Use at most 256 characters"),
  workspaceName: z.string().trim().min(1, "Enter the workspace name").max(256, "Use at most 256 characters"),
  oneLakePathType: z.enum(["Files", "Tables"], { message: "Choose Files or Tables" }),
  batching: secondsBatching.prefault({}),
  authentication: managedIdentityAuthentication,
}).superRefine(syncedSecretRule);

export const openTelemetryEndpointForm = z.object({
  ...common,
  endpointType: z.literal("OpenTelemetry"),
  host: hostPort("otel-collector.monitoring.svc.cluster.local:4317"),
  tls: dataflowTls,
  batching: secondsBatching.prefault({}),
  authentication: openTelemetryAuthentication,
}).superRefine(syncedSecretRule);

export const localStorageEndpointForm = z.object({
  ...common,
  endpointType: z.literal("LocalStorage"),
  persistentVolumeClaimRef: z.string().trim().min(1, "Enter the persistent volume claim's name").pipe(kubeObjectName),
}).superRefine(syncedSecretRule);

export const dataflowEndpointForm = z.discriminatedUnion("endpointType", [
  mqttEndpointForm, kafkaEndpointForm, dataExplorerEndpointForm, dataLakeStorageEndpointForm, fabricOneLakeEndpointForm,
  openTelemetryEndpointForm, localStorageEndpointForm,
], { error: `Choose an endpoint type: ${DATAFLOW_ENDPOINT_TYPES.join(", ")}` });
export type DataflowEndpointForm = z.infer<typeof dataflowEndpointForm>;
export type DataflowEndpointFormInput = z.input<typeof dataflowEndpointForm>;
export type MqttEndpointForm = z.infer<typeof mqttEndpointForm>;
export type KafkaEndpointForm = z.infer<typeof kafkaEndpointForm>;

/** `POST /api/dataflow-endpoints`: the form plus the save's idempotency key (a retry with the same key finishes it). */
export const createDataflowEndpointBody = z.object({ idempotencyKey: z.uuid("Send a UUID as idempotencyKey") })
  .and(dataflowEndpointForm);
export type CreateDataflowEndpointBody = z.output<typeof createDataflowEndpointBody>;

/** `PUT /api/dataflow-endpoints/{name}`: also the resourceVersion the form loaded (409 when it changed since). */
export const updateDataflowEndpointBody = z.object({
  idempotencyKey: z.uuid("Send a UUID as idempotencyKey"),
  resourceVersion: z.string().min(1, "Send the resourceVersion the form loaded").max(64),
}).and(dataflowEndpointForm);
export type UpdateDataflowEndpointBody = z.output<typeof updateDataflowEndpointBody>;

export const dataflowEndpointNameParams = z.object({ name: dataflowEndpointName });

// ---- References ------------------------------------------------------------------------------------------------

export interface FoundDataflowReference {
  field: DataflowSecretField;
  /** Path inside the form, e.g. ["authentication", "password"]. */
  path: (string | number)[];
  /** The key in the synced secret. */
  key: string;
  reference: SecretReference;
}

/**
 * The references the form holds, with the key each gets in the synced secret. Event Hubs / Fabric RTI SASL's
 * username is not among them: the portal supplies it ({@link EVENT_HUB_USERNAME_VAULT_SECRET}).
 */
export function dataflowFormReferences(e: { endpointType: string; authentication?: DataflowAuthentication }): FoundDataflowReference[] {
  const out: FoundDataflowReference[] = [];
  const add = (field: DataflowSecretField, reference: SecretReference | null | undefined) => {
    if (reference) out.push({ field, path: ["authentication", field], key: DATAFLOW_SECRET_KEYS[field], reference });
  };
  const a = e.authentication;
  if (a?.method === "Sasl") {
    add("username", a.username);
    add("password", a.password);
  } else if (a?.method === "X509Certificate") {
    add("certificate", a.certificate);
    add("key", a.key);
    add("intermediateCertificates", a.intermediateCertificates);
  } else if (a?.method === "AccessToken") {
    add("accessToken", a.accessToken);
  }
  return out;
}

/** Whether the form's method keeps a secret (then `syncedSecretName` is required). */
export const hasSecretMethod = (e: { authentication?: { method: string } }): boolean =>
  ["Sasl", "X509Certificate", "AccessToken"].includes(e.authentication?.method ?? "");

function syncedSecretRule(e: { syncedSecretName: string; authentication?: { method: string } }, ctx: z.RefinementCtx): void {
  if (hasSecretMethod(e) && e.syncedSecretName === "") {
    ctx.addIssue({ code: "custom", path: ["syncedSecretName"], message: "Enter a synced secret name for this endpoint's secret" });
  }
}

/** The synced secret name the form suggests: `<endpoint>-secret`, made a valid Kubernetes name. */
export function defaultDataflowSyncedSecretName(endpoint: string): string {
  return `${endpoint}-secret`.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-+/, "").slice(0, 253);
}
