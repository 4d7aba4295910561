import type { KindDefinition } from "../kinds/types";
import { KubeError } from "../status";
import { jsonPatch } from "./json-patch";
import { mergePatch } from "./merge-patch";
import { strategicMergePatch } from "./strategic-merge-patch";

/**
 * PATCH content types, one function each: (current object, parsed body) → the object to write. Strategic merge
 * (built-in kinds) and server-side apply (`application/apply-patch+yaml`, fieldManager/force, issue 5) slot in here.
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

export function patchFunction(contentType: string | undefined): PatchFunction {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const fn = PATCH_TYPES[type];
  if (!fn) {
    throw new KubeError(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: ${Object.keys(PATCH_TYPES).join(", ")}`);
  }
  return fn;
}
