import { savedFlash } from "@/components/endpoint-form/saved-flash";

/** Devices just created, so their page says "Saved" after the move from /devices/new. */
export const deviceSavedFlash = savedFlash();
