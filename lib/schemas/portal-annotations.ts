/**
 * Annotation names the portal writes on cluster objects (docs/endpoint-secrets.md, "Annotations the portal
 * writes"). Shared by the server (which writes them) and the pages (which read them back), so both spell them the
 * same way.
 */

const PREFIX = "ops-portal.azure.com/";

/**
 * SecretSync and Device: the idempotency key of the save (or delete guard) that last wrote the object. Every
 * write changes it, so a SecretSync's resourceVersion always moves; a retried save recognises its own Device.
 */
export const SAVE_ID_ANNOTATION = `${PREFIX}save-id`;

/** SecretSync: ISO time the portal last asked for a sync (a save that changed the spec, or *Sync now*). */
export const SYNC_REQUESTED_AT_ANNOTATION = `${PREFIX}sync-requested-at`;

/**
 * The default SecretProviderClass: JSON `{ "<objectName>": "<ISO time>" }`, when each object was last seen mapped
 * by a SecretSync (or added by a save). An object is removed only after no SecretSync mapped it for a grace period.
 */
export const OBJECTS_LAST_USED_ANNOTATION = `${PREFIX}objects-last-used`;

/** Key Vault tag on secrets a save creates: its idempotency key, so a retry recognises its own write. */
export const SAVE_ID_VAULT_TAG = "ops-portal-save";
