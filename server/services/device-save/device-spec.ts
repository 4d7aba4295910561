import "server-only";
import type { z } from "zod";
import type { DeviceAuthentication, DeviceInboundEndpoint, DeviceSpec } from "@/lib/schemas/device";
import { DEVICE_SECRET_KEYS, type DeviceSecretField, type deviceFormFields, type InboundEndpointForm } from "@/lib/schemas/device-form";
import type { SecretReference } from "@/lib/schemas/secret-reference";
import { referenceText } from "./references";

export type DeviceFormFields = z.output<typeof deviceFormFields>;

/**
 * The form onto a Device spec (domain.md §3.2). The form's fields replace theirs; every field it does not edit is
 * kept as it is (the spec is a loose object: attributes, outbound endpoints, fields of a newer API version), and
 * so are an endpoint's own other fields. Endpoints not in the form are removed. Secret fields name
 * `<synced secret>/<key>`; `additionalConfiguration` stays the string the operator typed.
 */
export function deviceSpecFrom(form: DeviceFormFields, current: DeviceSpec | null): DeviceSpec {
  const spec: DeviceSpec = { ...current };
  setOrDelete(spec, "manufacturer", form.manufacturer || undefined);
  setOrDelete(spec, "model", form.model || undefined);
  spec.enabled = form.enabled;
  const was = current?.endpoints?.inbound ?? {};
  spec.endpoints = {
    ...current?.endpoints,
    inbound: Object.fromEntries(form.endpoints.map((e) => [e.name, inboundEndpoint(e, was[e.name])])),
  };
  return spec;
}

function inboundEndpoint(e: InboundEndpointForm, was: DeviceInboundEndpoint | undefined): DeviceInboundEndpoint {
  const ref = (field: DeviceSecretField, r: SecretReference | null | undefined) =>
    (r ? referenceText(e.syncedSecretName, DEVICE_SECRET_KEYS[field]) : undefined);
  const out: DeviceInboundEndpoint = { ...was, address: e.address, endpointType: e.endpointType };
  setOrDelete(out, "version", e.version || undefined);
  setOrDelete(out, "additionalConfiguration", e.additionalConfiguration.trim() === "" ? undefined : e.additionalConfiguration);

  const auth: DeviceAuthentication = { ...was?.authentication, method: e.authentication.method };
  const a = e.authentication;
  setOrDelete(auth, "usernamePasswordCredentials", a.method === "UsernamePassword" ? {
    ...was?.authentication?.usernamePasswordCredentials,
    usernameSecretName: ref("username", a.username)!,
    passwordSecretName: ref("password", a.password)!,
  } : undefined);
  if (a.method === "Certificate") {
    const x509 = { ...was?.authentication?.x509Credentials, certificateSecretName: ref("certificate", a.certificate)! };
    setOrDelete(x509, "keySecretName", ref("key", a.key));
    setOrDelete(x509, "intermediateCertificatesSecretName", ref("intermediateCertificates", a.intermediateCertificates));
    auth.x509Credentials = x509;
  } else {
    delete auth.x509Credentials;
  }
  out.authentication = auth;

  const trust: Record<string, unknown> = { ...was?.trustSettings };
  setOrDelete(trust, "trustList", ref("trustList", e.trustList));
  setOrDelete(out, "trustSettings", Object.keys(trust).length > 0 ? trust : undefined);
  return out;
}

function setOrDelete<T extends object>(target: T, key: string, value: unknown): void {
  const t = target as Record<string, unknown>;
  if (value === undefined) delete t[key];
  else t[key] = value;
}
