import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, scrubText } from "./log";

const SECRET = "s3cr3t-Value-4242";
/** The part of SECRET that any excerpt (V8 quotes the first ten characters of a long input) would show. */
const FRAGMENT = "s3cr3t";

function jsonError(input: string): Error {
  try {
    JSON.parse(input);
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a parse error");
}

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger("trace", stream), text: () => lines.join("") };
}

describe("log", () => {
  it("writes one JSON object per line with the level name", () => {
    const { logger, text } = capture();
    logger.info({ requestId: "r1", status: 200 }, "request");
    const line = JSON.parse(text());
    expect(line).toMatchObject({ level: "info", requestId: "r1", status: 200, msg: "request", service: "ops-portal" });
  });

  it.each([
    ["a top-level value", { value: SECRET }],
    ["a request body", { body: { name: "db-pass", value: SECRET } }],
    ["a body logged under another name", { input: { name: "db-pass", value: SECRET } }],
    ["a deeply nested value", { a: { b: { c: { d: { value: SECRET } } } } }],
    ["an array of secrets", { items: [{ name: "x", value: SECRET }] }],
    ["a password and a client secret", { password: SECRET, azure: { clientSecret: SECRET } }],
    ["an authorization header", { headers: { Authorization: `Bearer ${SECRET}` } }],
    ["a token", { credential: { token: SECRET } }],
  ])("never prints a secret value given as %s", (_label, obj) => {
    const { logger, text } = capture();
    logger.info(obj, "oops");
    logger.error(obj);
    expect(text()).not.toContain(SECRET);
    expect(text()).toContain("[redacted]");
  });

  it("prints an SDK error's message and code, not the request it carried", () => {
    const { logger, text } = capture();
    const err = Object.assign(new Error("Forbidden by RBAC"), {
      name: "RestError", code: "Forbidden", statusCode: 403,
      request: { url: "https://vault/secrets/db-pass", body: JSON.stringify({ value: SECRET }) },
      response: { bodyAsText: JSON.stringify({ value: SECRET }) },
    });
    logger.error({ err }, "set failed");
    logger.error(err);
    const out = text();
    expect(out).not.toContain(SECRET);
    expect(out).toContain("Forbidden by RBAC");
    expect(out).toContain('"statusCode":403');
  });

  it.each([
    ["an error", () => jsonError(SECRET)],
    ["an error about a whole body", () => jsonError(`value=${SECRET}&name=db-pass`)],
    ["an error with a long input (V8 quotes an excerpt)", () => jsonError(`${SECRET}${"x".repeat(200)}`)],
    ["a wrapping error's cause", () => new Error("could not read the body", { cause: jsonError(SECRET) })],
  ])("prints a JSON parse error's message and stack without the input it quotes: %s", (_label, make) => {
    const { logger, text } = capture();
    const err = make();
    logger.error(err);
    logger.error({ err }, "parse failed");
    logger.error({ err });
    logger.warn({ failure: err, detail: `while reading: ${(err.cause as Error | undefined)?.message ?? err.message}` });
    const out = text();
    expect(out).not.toContain(FRAGMENT);
    expect(out).toContain("is not valid JSON");
    expect(out).toContain('"stack":');
  });

  it.each([
    ["a Secret's data", { object: { kind: "Secret", data: { password: Buffer.from(SECRET).toString("base64") } } }],
    ["a Secret's data, plain", { secretObject: { data: SECRET } }],
    ["a Secret's stringData", { manifest: { stringData: { password: SECRET } } }],
    ["a manifest given as text", { manifest: JSON.stringify({ kind: "Secret", stringData: { password: SECRET } }) }],
  ])("never prints %s", (_label, obj) => {
    const { logger, text } = capture();
    logger.info(obj, "write");
    expect(text()).not.toContain(FRAGMENT);
    expect(text()).not.toContain(Buffer.from(SECRET).toString("base64"));
  });

  it("never prints a URL's query string, in a field, a URL object, a message, an argument or an error", () => {
    const { logger, text } = capture();
    logger.info({ url: `https://portal.example/auth/callback?code=${SECRET}&state=abc` }, "callback");
    logger.info({ target: new URL(`https://vault.example/secrets/db?sig=${SECRET}`) }, "fetch");
    logger.info(`GET /api/secrets?filter=${SECRET} answered 200`);
    logger.info("calling %s", `https://login.example/token#access_token=${SECRET}`);
    logger.error(new Error(`request to https://vault.example/secrets?api-version=7.6&x=${SECRET} failed`));
    logger.warn({ path: `/api/key-vault/secrets?name=${SECRET}` });
    const out = text();
    expect(out).not.toContain(FRAGMENT);
    expect(out).toContain("https://portal.example/auth/callback?[redacted]");
    expect(out).toContain("/api/secrets?[redacted] answered 200");
  });

  it("censors credentials written into text, and leaves ordinary text alone", () => {
    expect(scrubText(`Authorization: Bearer ${SECRET}`)).not.toContain(FRAGMENT);
    expect(scrubText(`grant_type=client_credentials&client_secret=${SECRET}`)).not.toContain(FRAGMENT);
    expect(scrubText(`body {"name":"db","value":"${SECRET}"}`)).not.toContain(FRAGMENT);
    const plain = "Secret 'db-pass' was not found in namespace 'aio' (metadata=ok); is it synced?\n" +
      "    at get (/work/main/server/adapters/kube/kinds/secret.ts:42:7)";
    expect(scrubText(plain)).toBe(plain);
  });

  it("survives cycles", () => {
    const { logger, text } = capture();
    const a: Record<string, unknown> = { name: "a", value: SECRET };
    a.self = a;
    logger.info({ a });
    expect(text()).toContain("[circular]");
    expect(text()).not.toContain(SECRET);
  });
});
