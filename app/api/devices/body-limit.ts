/**
 * Body limit of a device save (`POST /api/devices`, `PUT /api/devices/{name}`): room for three new secret values
 * at Key Vault's 25 KB each, JSON-escaped (a PEM's newlines grow), plus the form itself. Larger bodies get 413
 * before anything is parsed.
 */
export const DEVICE_SAVE_MAX_BODY_BYTES = 256 * 1024;
