/**
 * Body limit of a data flow endpoint save (`POST /api/dataflow-endpoints`, `PUT /api/dataflow-endpoints/{name}`):
 * room for three new secret values (X.509 certificate, key and intermediates) at Key Vault's 25 KB each,
 * JSON-escaped (a PEM's newlines grow), plus the form itself. Larger bodies get 413 before anything is parsed.
 */
export const DATAFLOW_ENDPOINT_SAVE_MAX_BODY_BYTES = 256 * 1024;
