import fastJsonPatch from "fast-json-patch";
import { badRequest, KubeError } from "../status";

const { applyPatch, JsonPatchError } = fastJsonPatch;

/**
 * RFC 6902 JSON patch (fast-json-patch). A document that is not a list of operations is a 400; an operation that
 * does not apply (missing path, failed `test`) is the API server's 422.
 */
export function jsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  try {
    return applyPatch(structuredClone(target), patch, true, false).newDocument;
  } catch (err) {
    if (err instanceof JsonPatchError) {
      const op = err.operation as { op?: string; path?: string } | undefined;
      if (err.name === "OPERATION_OP_INVALID" || err.name === "OPERATION_PATH_INVALID" || err.name === "SEQUENCE_NOT_AN_ARRAY" ||
        err.name === "OPERATION_NOT_AN_OBJECT" || err.name === "OPERATION_VALUE_REQUIRED" || err.name === "OPERATION_FROM_REQUIRED") {
        throw badRequest(`the server rejected our request due to an error in our request: invalid JSON patch operation ${JSON.stringify(op ?? {})}`);
      }
      if (err.name === "TEST_OPERATION_FAILED") throw new KubeError(422, "Invalid", `the server rejected our request due to an error in our request: testing value ${op?.path ?? ""} failed`);
      throw new KubeError(422, "Invalid", `the server rejected our request due to an error in our request: jsonpatch ${op?.op ?? ""} operation does not apply: doc is missing path: "${op?.path ?? ""}"`);
    }
    throw err;
  }
}
