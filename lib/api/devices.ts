import type { z } from "zod";
import {
  deviceDeletePlan, deviceDetail, deviceList, deviceSaveResult,
  type DeviceDeletePlan, type DeviceDetail, type DeviceList, type DeviceSaveResult,
} from "@/lib/schemas/device-api";
import type { createDeviceBody, updateDeviceBody } from "@/lib/schemas/device-form";
import { apiFetch, apiUrl } from "./client";

/**
 * The devices API. Save bodies may carry new secret values (Create new secret): they go in the request body only,
 * never in the URL, and no answer ever carries one back.
 */

export type CreateDeviceBody = z.input<typeof createDeviceBody>;
export type UpdateDeviceBody = z.input<typeof updateDeviceBody>;

const devicePath = (name: string) => `/api/devices/${encodeURIComponent(name)}`;

const jsonInit = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

export function listDevices(signal?: AbortSignal): Promise<DeviceList> {
  return apiFetch("/api/devices", (json) => deviceList.parse(json), { signal });
}

export function getDevice(name: string, signal?: AbortSignal): Promise<DeviceDetail> {
  return apiFetch(devicePath(name), (json) => deviceDetail.parse(json), { signal });
}

/** `POST /api/devices`; with `dryRun` the server only answers what the save would write (the review). */
export function createDevice(body: CreateDeviceBody, o: { dryRun: boolean }): Promise<DeviceSaveResult> {
  return apiFetch(apiUrl("/api/devices", { dryRun: o.dryRun ? "All" : null }), (json) => deviceSaveResult.parse(json),
    jsonInit("POST", body));
}

/** `PUT /api/devices/{name}` with the resourceVersion the form loaded (409 when the device changed since). */
export function updateDevice(name: string, body: UpdateDeviceBody, o: { dryRun: boolean }): Promise<DeviceSaveResult> {
  return apiFetch(apiUrl(devicePath(name), { dryRun: o.dryRun ? "All" : null }), (json) => deviceSaveResult.parse(json),
    jsonInit("PUT", body));
}

/** What deleting the device would offer: its synced secrets, and which of them nothing else uses. Writes nothing. */
export function getDeviceDeletePlan(name: string, signal?: AbortSignal): Promise<DeviceDeletePlan> {
  return apiFetch(apiUrl(devicePath(name), { dryRun: "All" }), (json) => deviceDeletePlan.parse(json), { method: "DELETE", signal });
}

/** Deletes the Device and the named synced secrets (those the plan marks deletable); Key Vault is untouched. */
export function deleteDevice(name: string, deleteSyncedSecrets: readonly string[]): Promise<void> {
  return apiFetch(apiUrl(devicePath(name), { deleteSyncedSecrets: deleteSyncedSecrets.join(",") }), () => undefined,
    { method: "DELETE" });
}
