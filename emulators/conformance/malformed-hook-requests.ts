import type { MalformedRequest } from "./malformed-identity-requests";

/**
 * Malformed calls to the `/_stack/` test hooks (faults, latency, stats), which every stand-in serves with the same
 * shared code. None of these may install a fault or a latency: a wrongly accepted one would break the stand-in
 * for everything after it, so the test clears both afterwards and checks that normal calls still work.
 */
export function malformedHookRequests(bearer: string): MalformedRequest[] {
  const auth = { authorization: `Bearer ${bearer}`, "content-type": "application/json" };
  const post = (name: string, body: string): MalformedRequest =>
    ({ name: `faults: ${name}`, method: "POST", path: "/_stack/faults", headers: auth, body, expect: "4xx" });
  const put = (name: string, body: string): MalformedRequest =>
    ({ name: `latency: ${name}`, method: "PUT", path: "/_stack/latency", headers: auth, body, expect: "4xx" });
  return [
    post("empty body", ""), post("not JSON", "{"), post("an array", "[]"), post("null", "null"),
    post("no status", '{"match":{}}'), post("status 200", '{"status":200}'), post("status a string", '{"status":"503"}'),
    post("status 600", '{"status":600}'), post("status 503.5", '{"status":503.5}'), post("times 0", '{"status":503,"times":0}'),
    post("times -1", '{"status":503,"times":-1}'), post("an unknown field", '{"status":503,"sticky":true}'),
    post("match a string", '{"status":503,"match":"GET"}'), post("method with a space", '{"status":503,"match":{"method":"G T"}}'),
    post("path not a regex", '{"status":503,"match":{"path":"("}}'), post("path a number", '{"status":503,"match":{"path":5}}'),
    post("path of 2000 chars", JSON.stringify({ status: 503, match: { path: "a".repeat(2000) } })),
    post("a 100 KB body", JSON.stringify({ status: 503, pad: "x".repeat(100 * 1024) })),
    put("empty body", ""), put("ms negative", '{"ms":-1}'), put("ms a string", '{"ms":"50"}'), put("ms a fraction", '{"ms":0.5}'),
    put("ms of an hour", '{"ms":3600000}'), put("an unknown field", '{"ms":1,"jitter":2}'),
    { name: "faults without a token", method: "POST", path: "/_stack/faults", headers: { "content-type": "application/json" },
      body: '{"status":503}', expect: "4xx" },
    { name: "latency with a junk token", method: "PUT", path: "/_stack/latency",
      headers: { authorization: "Bearer junk", "content-type": "application/json" }, body: '{"ms":1000}', expect: "4xx" },
    { name: "stats: PATCH", method: "PATCH", path: "/_stack/stats", headers: auth, body: "{}", expect: "4xx" },
    { name: "unknown hook", method: "GET", path: "/_stack/nope", headers: auth, expect: "4xx" },
  ];
}
