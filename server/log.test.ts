import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./log";

const SECRET = "s3cr3t-Value-4242";

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

  it("survives cycles", () => {
    const { logger, text } = capture();
    const a: Record<string, unknown> = { name: "a", value: SECRET };
    a.self = a;
    logger.info({ a });
    expect(text()).toContain("[circular]");
    expect(text()).not.toContain(SECRET);
  });
});
