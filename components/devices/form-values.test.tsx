import { describe, expect, it } from "vitest";
import { ApiProblem } from "@/lib/api/client";
import { IDLE_REFRESH_MS, SYNCING_REFRESH_MS, deviceQuery, devicesQuery } from "@/lib/queries/devices";
import type { DeviceForm } from "@/lib/schemas/device-form";
import { firstErrorMessage, splitFieldErrors } from "@/components/endpoint-form/form-errors";
import { blankDevice, blankEndpoint, DEVICE_FORM_FIELDS, followedSyncedSecretName, mergeRestored, requestFields, savedValues } from "./form-values";

const endpoint = (over: Partial<DeviceForm["endpoints"][number]> = {}): DeviceForm["endpoints"][number] => ({
  name: "opc", endpointType: "Microsoft.OpcUa", address: "opc.tcp://h:4840", version: "", additionalConfiguration: "",
  trustList: null, authentication: { method: "Anonymous" }, syncedSecretName: "line-1-opc", ...over,
});

describe("form values", () => {
  it("after a save, new secrets become existing references without their values", () => {
    const values: DeviceForm = {
      name: "line-1", manufacturer: "", model: "", enabled: true,
      endpoints: [endpoint({
        trustList: { source: "new", keyVaultSecretName: "trust", value: "-----BEGIN CERTIFICATE-----" },
        authentication: { method: "UsernamePassword", username: { source: "existing", keyVaultSecretName: "u" },
          password: { source: "new", keyVaultSecretName: "p", value: "hunter2", contentType: "text/plain" } },
      })],
    };
    const saved = savedValues(values);
    expect(JSON.stringify(saved)).not.toContain("hunter2");
    expect(JSON.stringify(saved)).not.toContain("BEGIN");
    expect(saved.endpoints[0]!.authentication).toEqual({ method: "UsernamePassword",
      username: { source: "existing", keyVaultSecretName: "u" }, password: { source: "existing", keyVaultSecretName: "p" } });
    expect(saved.endpoints[0]!.trustList).toEqual({ source: "existing", keyVaultSecretName: "trust" });
  });

  it("sends a trust list for OPC UA endpoints only", () => {
    const trustList = { source: "existing" as const, keyVaultSecretName: "trust" };
    const sent = requestFields({ name: "d", manufacturer: "", model: "", enabled: true, endpoints: [
      endpoint({ trustList }), endpoint({ name: "cam", endpointType: "Microsoft.Onvif", trustList }),
    ] });
    expect(sent.endpoints.map((e) => e.trustList)).toEqual([trustList, null]);
  });

  it("follows the names with the synced secret name until it was edited", () => {
    expect(followedSyncedSecretName("line-1-opc", { device: "line-1", endpoint: "opc" }, { device: "line-1", endpoint: "opc-2" })).toBe("line-1-opc-2");
    expect(followedSyncedSecretName("", { device: "", endpoint: "" }, { device: "Line_1", endpoint: "" })).toBe("line-1");
    expect(followedSyncedSecretName("shared", { device: "line-1", endpoint: "opc" }, { device: "line-1", endpoint: "x" })).toBe("shared");
    expect(blankEndpoint("line-1", "opc").syncedSecretName).toBe("line-1-opc");
  });

  it("merges a sign-in snapshot onto the loaded device, keeping loaded references while the method is the same", () => {
    const loaded = { ...blankDevice(), name: "line-1", endpoints: [{ ...blankEndpoint("line-1", "opc"), syncedSecretName: "custom",
      authentication: { method: "UsernamePassword" as const, username: { source: "existing" as const, keyVaultSecretName: "u" }, password: null } }] };
    const merged = mergeRestored(loaded, { name: "line-1", model: "X1", endpoints: [
      { name: "opc", address: "opc.tcp://new:4840", authentication: { method: "UsernamePassword" } },
      { name: "cam", endpointType: "Microsoft.Onvif", authentication: { method: "Certificate" } },
    ] });
    expect(merged.model).toBe("X1");
    expect(merged.endpoints[0]).toMatchObject({ address: "opc.tcp://new:4840", syncedSecretName: "custom",
      authentication: { method: "UsernamePassword", username: { source: "existing", keyVaultSecretName: "u" } } });
    expect(merged.endpoints[1]).toMatchObject({ name: "cam", endpointType: "Microsoft.Onvif", syncedSecretName: "line-1-cam",
      authentication: { method: "Certificate", certificate: null, key: null, intermediateCertificates: null } });
    // Garbage in storage does not break the form.
    expect(mergeRestored(loaded, { endpoints: "nope", enabled: "yes" })).toEqual(loaded);
  });
});

describe("form errors", () => {
  it("finds a reference's message on the field or one of its parts", () => {
    expect(firstErrorMessage({ message: "Add a reference for the username" })).toBe("Add a reference for the username");
    expect(firstErrorMessage({ value: { message: "Enter a value", type: "too_small" } })).toBe("Enter a value");
    expect(firstErrorMessage(undefined)).toBeUndefined();
  });

  it("splits a 400 into field messages and the rest", () => {
    const problem = new ApiProblem({ status: 400, title: "Bad request", detail: "", requestId: null, errors: {
      "endpoints.0.authentication.username": ["Disabled in Key Vault", "Pick another"], "resourceVersion": ["Send it"], "": ["Body is not JSON"],
    } });
    expect(splitFieldErrors(problem, DEVICE_FORM_FIELDS)).toEqual({
      fieldErrors: [{ path: "endpoints.0.authentication.username", message: "Disabled in Key Vault Pick another" }],
      otherErrors: ["resourceVersion: Send it", "Body is not JSON"],
    });
  });
});

describe("refresh", () => {
  const interval = (o: { refetchInterval?: unknown }, data: unknown) =>
    (o.refetchInterval as (q: { state: { data: unknown } }) => number)({ state: { data } });

  it("follows a syncing synced secret every 2 s, else every 30 s", () => {
    const syncing = { state: "syncing", requestedAt: null, noAnswerSince: null, lastKnown: "none" };
    const synced = { state: "synced", lastSuccessfulSyncTime: null };
    expect(interval(deviceQuery("d"), { endpoints: [{ sync: synced }, { sync: syncing }] })).toBe(SYNCING_REFRESH_MS);
    expect(interval(deviceQuery("d"), { endpoints: [{ sync: synced }, { sync: null }] })).toBe(IDLE_REFRESH_MS);
    expect(interval(devicesQuery(), { items: [{ sync: syncing }] })).toBe(2_000);
    expect(interval(devicesQuery(), undefined)).toBe(30_000);
  });
});
