import { randomBytes } from "node:crypto";
import { nowSeconds } from "./model";
import type { VaultStore } from "./store";
import type { SetSecretInput } from "./validation";

const DAY = 24 * 3600;
const tags = (component: string, extra: Record<string, string> = {}) =>
  ({ component, "managed-by": "ops-portal-demo", ...extra });

/**
 * Demo secrets of an Azure IoT Operations instance: what the local portal shows on first start. Values are random
 * (never a well-known demo password); one secret is disabled and one expires within a week, so the portal's states
 * are visible without setup.
 */
function demoSecrets(): [string, SetSecretInput][] {
  const now = nowSeconds();
  const password = () => randomBytes(18).toString("base64url");
  return [
    ["mqtt-broker-username", { value: `aio-client-${randomBytes(3).toString("hex")}`, contentType: "text/plain",
      tags: tags("mqtt-broker") }],
    ["mqtt-broker-password", { value: password(), contentType: "text/plain", tags: tags("mqtt-broker") }],
    // OPC UA certificates go to Key Vault as hex text (az iot ops connector opcua trust), tagged with the encoding.
    ["opcua-server-cert", { value: randomBytes(600).toString("hex"), contentType: "application/pkix-cert",
      tags: tags("opc-ua-connector", { "file-encoding": "hex" }) }],
    // The Kafka data flow endpoint's SASL credentials (the seeded SecretSync kafka-sasl maps both).
    ["kafka-sasl-username", { value: `dataflow-${randomBytes(3).toString("hex")}`, contentType: "text/plain",
      tags: tags("dataflow-endpoint-kafka") }],
    ["kafka-sasl-password", { value: password(), contentType: "text/plain",
      attributes: { exp: now + 5 * DAY }, tags: tags("dataflow-endpoint-kafka") }],
    ["adls-client-secret", { value: password() }],
    ["legacy-historian-password", { value: password(), contentType: "text/plain",
      attributes: { enabled: false }, tags: tags("historian", { note: "replaced by opcua certificate auth" }) }],
  ];
}

export async function seedDemoSecrets(store: VaultStore): Promise<void> {
  for (const [name, input] of demoSecrets()) await store.set(name, input);
}
