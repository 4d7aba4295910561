// The journal is shared with the Kubernetes stand-in; kept here so the vault's imports stay as they were.
export { Journal, type JournalOptions } from "../shared/journal";
