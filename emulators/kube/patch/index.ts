import type { KindDefinition } from "../kinds/types";
import { KubeError } from "../status";
import { jsonPatch } from "./json-patch";
import { mergePatch } from "./merge-patch";
import { strategicMergePatch } from "./strategic-merge-patch";

/**
 * PATCH content types, one function each: (current object, parsed body) → the object to write. Server-side apply
 * (`application/apply-patch+yaml`) is not a function of the current object alone (it needs managedFields, may
 * create, may conflict): `isApplyPatch` routes it to KubeStore.apply (server-side-apply.ts).
 */
export type PatchFunction = (current: unknown, patch: unknown, def: KindDefinition) => unknown;

export const PATCH_TYPES: Record<string, PatchFunction> = {
  "application/json-patch+json": (current, patch) => jsonPatch(current, patch),
  "application/merge-patch+json": (current, patch) => {
    if (typeof patch !== "object" || patch === null || Array.isArray(patch)) {
      throw new KubeError(400, "BadRequest", "json: cannot unmarshal array into Go value of type map[string]interface {}");
    }
    return mergePatch(current, patch);
  },
  // Built-in kinds only: a custom resource has no Go struct tags to merge by (the API server answers 415).
  "application/strategic-merge-patch+json": (current, patch, def) => {
    if (def.group !== "") {
      throw new KubeError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
    }
    if (typeof patch !== "object" || patch === null || Array.isArray(patch)) {
      throw new KubeError(400, "BadRequest", "json: cannot unmarshal array into Go value of type map[string]interface {}");
    }
    return strategicMergePatch(current, patch);
  },
};

export const APPLY_PATCH = "application/apply-patch+yaml";

const mediaType = (contentType: string | undefined) => (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

export function isApplyPatch(contentType: string | undefined): boolean {
  return mediaType(contentType) === APPLY_PATCH;
}

export function patchFunction(contentType: string | undefined): PatchFunction {
  const fn = PATCH_TYPES[mediaType(contentType)];
  if (!fn) {
    throw new KubeError(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: ${[...Object.keys(PATCH_TYPES), APPLY_PATCH].join(", ")}`);
  }
  return fn;
}
