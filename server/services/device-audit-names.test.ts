import { describe, expect, it } from "vitest";
import { created, endpoint, existing, VALUE } from "@/server/testing/device-save-fixtures";
import { deviceDeleteNames, deviceSaveNames } from "./device-audit-names";

describe("device audit names", () => {
  it("names the device, each endpoint's synced secret and the Key Vault secrets it references, once each, never a value", () => {
    const names = deviceSaveNames({ name: "line-1", endpoints: [
      endpoint("opc", { syncedSecretName: "line-1-opc", username: created("line-1-user"), password: existing("shared-pass") }),
      endpoint("opc-2", { syncedSecretName: "line-1-opc", username: existing("line-1-user"), password: existing("shared-pass") }),
      endpoint("camera"),
    ] });
    expect(names).toEqual(["devices/line-1", "secretsyncs/line-1-opc", "keyvault/secrets/line-1-user", "keyvault/secrets/shared-pass"]);
    expect(JSON.stringify(names)).not.toContain(VALUE);
  });

  it("names a delete's device and the synced secrets asked to go with it", () => {
    expect(deviceDeleteNames("line-1", ["line-1-opc"])).toEqual(["devices/line-1", "secretsyncs/line-1-opc"]);
  });
});
