import "server-only";
import { AppError } from "@/server/errors";

/**
 * Reads a JSON request body, refusing more than `maxBytes` without buffering it (413, not an out-of-memory 500).
 * A secret value is at most 25 KB in Key Vault, so the default leaves room for JSON around one.
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z0-9.+-]+\+)?json\b/i.test(type)) {
    throw new AppError("bad-request", "Send the request body as JSON (content-type: application/json).");
  }
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readText(request, maxBytes);
  if (text.trim() === "") throw new AppError("bad-request", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    // The parser's message quotes the body, which may hold a secret value: say only where it went wrong.
    throw new AppError("bad-request", "The request body is not valid JSON.");
  }
}

async function readText(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload-too-large", `The request body is larger than ${Math.floor(maxBytes / 1024)} KB.`);
}
