import { armRef, obj, rootSchema, STANDARD_VERBS, str, stringMap } from "./schema-parts";
import type { KindDefinition } from "./types";

/**
 * The stand-in's `Instance`: in Azure the AIO instance lives only in ARM (`Microsoft.IoTOperations/instances`), so
 * the local stack mirrors its `InstanceProperties` (2026-03-01, domain.md §3.1) as a cluster object the portal can
 * read and edit the way it would read ARM. Group `iotoperations.azure.com`: AIO's cluster-side groups are
 * `<area>.iotoperations.azure.com` (connectivity, mqttbroker, …); the bare parent domain is the natural home of
 * the instance itself and collides with none of them. Version v1, like AIO's stable kinds.
 */
export const instanceKind: KindDefinition = {
  group: "iotoperations.azure.com",
  version: "v1",
  kind: "Instance",
  listKind: "InstanceList",
  plural: "instances",
  singular: "instance",
  namespaced: true,
  subresources: { status: true },
  verbs: STANDARD_VERBS,
  schema: rootSchema("Instance is an Azure IoT Operations instance and its settings (mirrors the ARM resource).", {
    spec: obj("The instance's properties.", {
      description: str("Human-readable description."),
      schemaRegistryRef: armRef("Schema registry the instance uses."),
      defaultSecretProviderClassRef: armRef("The instance's default SecretProviderClass (secret sync enabled " +
        "when set); `az iot ops secretsync enable` sets it."),
      defaultSecretProviderClassName: str("Stand-in convenience: name of the default SecretProviderClass in this " +
        "namespace (the last segment of defaultSecretProviderClassRef.resourceId)."),
      adrNamespaceRef: armRef("Device Registry namespace of the instance."),
      features: {
        type: "object",
        description: "Optional features by name.",
        additionalProperties: obj("One feature.", {
          mode: str("Stable, Preview or Disabled.", { enum: ["Stable", "Preview", "Disabled"] }),
          settings: stringMap("Feature settings: Enabled or Disabled.", {
            additionalProperties: { type: "string", enum: ["Enabled", "Disabled"] },
          }),
        }),
      },
    }, ["schemaRegistryRef"]),
    status: obj("Read-only properties.", {
      provisioningState: str("Provisioning state, e.g. Succeeded."),
      version: str("Version of the AIO release."),
      healthState: str("Available, Degraded, Unavailable or Unknown."),
    }),
  }),
  printerColumns: [
    { name: "Default SPC", type: "string", jsonPath: ".spec.defaultSecretProviderClassName",
      description: "Default SecretProviderClass." },
    { name: "State", type: "string", jsonPath: ".status.provisioningState", description: "Provisioning state." },
    { name: "Description", type: "string", jsonPath: ".spec.description", priority: 1, description: "Description." },
  ],
};
