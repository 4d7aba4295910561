import "reflect-metadata"; // @peculiar/x509 needs the Reflect polyfill loaded first
import { randomUUID, webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

/**
 * Request bodies for `POST /api/devices` / `PUT /api/devices/{name}` as the device form sends them, and PEM
 * material made on the spot (never a committed key).
 */

export type Reference =
  | { source: "existing"; keyVaultSecretName: string }
  | { source: "new"; keyVaultSecretName: string; value: string; contentType?: string };

export type Authentication =
  | { method: "Anonymous" }
  | { method: "UsernamePassword"; username: Reference | null; password: Reference | null }
  | { method: "Certificate"; certificate: Reference | null; key: Reference | null; intermediateCertificates: Reference | null };

export interface EndpointBody {
  name: string;
  endpointType: string;
  address: string;
  version: string;
  additionalConfiguration: string;
  trustList: Reference | null;
  authentication: Authentication;
  syncedSecretName: string;
}

export interface DeviceBody {
  idempotencyKey: string;
  name: string;
  manufacturer: string;
  model: string;
  enabled: boolean;
  endpoints: EndpointBody[];
  resourceVersion?: string;
}

export const newRef = (keyVaultSecretName: string, value: string): Reference => ({ source: "new", keyVaultSecretName, value });
export const existingRef = (keyVaultSecretName: string): Reference => ({ source: "existing", keyVaultSecretName });

/** A unique suffix for names of one test's objects. */
export const unique = () => randomUUID().slice(0, 8);

/** A device with one OPC UA endpoint authenticating with username and password (both created new). */
export function usernamePasswordDevice(name: string, o: { username?: Reference; password?: Reference; synced?: string } = {}): DeviceBody {
  return {
    idempotencyKey: randomUUID(),
    name,
    manufacturer: "Contoso",
    model: "PLC-9",
    enabled: true,
    endpoints: [{
      name: "opc-ua",
      endpointType: "Microsoft.OpcUa",
      address: "opc.tcp://10.30.0.5:4840",
      version: "1.05",
      additionalConfiguration: "",
      trustList: null,
      authentication: {
        method: "UsernamePassword",
        username: o.username ?? newRef(`${name}-user`, `user-${unique()}`),
        password: o.password ?? newRef(`${name}-pass`, `pass-${unique()}`),
      },
      syncedSecretName: o.synced ?? `${name}-opc-ua`,
    }],
  };
}

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };

/** A self-signed certificate and its private key, both PEM, valid for a year. */
export async function certificateAndKey(commonName: string): Promise<{ certificate: string; key: string; notAfter: Date }> {
  const keys = (await webcrypto.subtle.generateKey(RSA, true, ["sign", "verify"])) as CryptoKeyPair;
  const notAfter = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomUUID().replace(/-/g, "").slice(0, 16),
    name: `CN=${commonName}`,
    notBefore: new Date(Date.now() - 60_000),
    notAfter,
    keys,
    signingAlgorithm: RSA,
  });
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  const key = x509.PemConverter.encode(pkcs8, "PRIVATE KEY");
  return { certificate: cert.toString("pem"), key, notAfter };
}
