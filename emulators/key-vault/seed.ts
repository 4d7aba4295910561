import { randomBytes } from "node:crypto";
import { demoCaCertificateDer } from "./demo-certificate";
import { nowSeconds } from "./model";
import type { VaultStore } from "./store";
import type { SetSecretInput } from "./validation";

const DAY = 24 * 3600;
const tags = (component: string, extra: Record<string, string> = {}) =>
  ({ component, "managed-by": "ops-portal-demo", ...extra });

/**
 * A CA certificate trusted by the OPC UA connector, as `az iot ops connector opcua trust add --file
 * contoso-root-ca.der` leaves it: the file's bytes as hex text, named after the file with dots as dashes. The demo
 * cluster's SecretSync `aio-opc-ua-broker-trust-list` maps it back to the file name (emulators/seed-demo.ts).
 */
export const OPCUA_TRUSTED_CERT = { secretName: "contoso-root-ca-der", fileName: "contoso-root-ca.der" } as const;

/**
 * Demo secrets of an Azure IoT Operations instance: what the local portal shows on first start. Values are random
 * (never a well-known demo password); one secret is disabled and one expires within a week, so the portal's states
 * are visible without setup.
 */
async function demoSecrets(): Promise<[string, SetSecretInput][]> {
  const now = nowSeconds();
  const password = () => randomBytes(18).toString("base64url");
  return [
    ["mqtt-broker-username", { value: `aio-client-${randomBytes(3).toString("hex")}`, contentType: "text/plain",
      tags: tags("mqtt-broker") }],
    ["mqtt-broker-password", { value: password(), contentType: "text/plain", tags: tags("mqtt-broker") }],
    // OPC UA certificates go to Key Vault as hex text (az iot ops connector opcua trust), tagged with the encoding.
    ["opcua-server-cert", { value: randomBytes(600).toString("hex"), contentType: "application/pkix-cert",
      tags: tags("opc-ua-connector", { "file-encoding": "hex" }) }],
    // Uploaded by the CLI, not the portal: only the CLI's own tag.
    [OPCUA_TRUSTED_CERT.secretName, { value: (await demoCaCertificateDer("Contoso Root CA")).toString("hex"),
      contentType: "application/pkix-cert", tags: { "file-encoding": "hex" } }],
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
  for (const [name, input] of await demoSecrets()) await store.set(name, input);
}
