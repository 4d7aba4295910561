import "server-only";
import type { EndpointSaveDeps, EndpointSaveKube, EndpointSaveVault } from "@/server/services/endpoint-save/deps";

/** The device save reads and writes what every endpoint save does (server/services/endpoint-save). */
export type DeviceSaveKube = EndpointSaveKube;
export type DeviceSaveVault = EndpointSaveVault;
export type DeviceSaveDeps = EndpointSaveDeps;
