import { savedFlash } from "@/components/endpoint-form/saved-flash";

/** Endpoints just created, so their page says "Saved" after the move from /dataflow-endpoints/new. */
export const endpointSavedFlash = savedFlash();
