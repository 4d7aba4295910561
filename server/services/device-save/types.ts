import "server-only";
import type { z } from "zod";
import type { SaveOptions } from "@/server/services/endpoint-save/write-steps";
import type { DeviceDeletePlan, DeviceSaveResult } from "@/lib/schemas/device-api";
import type { createDeviceBody, updateDeviceBody } from "@/lib/schemas/device-form";

/**
 * The device save pipeline as the routes call it (docs/endpoint-secrets.md). `touched` names every resource a real
 * write touched, by name only, for the audit entry: `keyvault/secrets/<name>`, `secretproviderclasses/<name>`,
 * `secretsyncs/<name>`, `devices/<name>`.
 */
export type SaveDeviceRequest =
  | ({ mode: "create" } & z.output<typeof createDeviceBody>)
  | ({ mode: "update"; name: string } & z.output<typeof updateDeviceBody>);

export interface Touched {
  touched: string[];
}

export interface DeviceSaveService {
  /** Dry run: step 0 only, answers the plan, writes nothing. */
  save(request: SaveDeviceRequest, o: SaveOptions): Promise<{ result: DeviceSaveResult } & Touched>;
  /** The device's synced secrets and which of them nothing else uses (404 for a missing device). */
  planDelete(name: string): Promise<DeviceDeletePlan>;
  /** Deletes the Device, then the named synced secrets that the plan marks deletable (others refused, 409). */
  delete(name: string, o: { deleteSyncedSecrets: string[] }): Promise<Touched>;
}
