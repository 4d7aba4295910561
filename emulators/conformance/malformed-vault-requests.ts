import type { MalformedRequest } from "./malformed-identity-requests";

/**
 * Malformed requests for the Key Vault stand-in, sent with a valid token of the automation client unless the
 * case is about the token: unknown api-versions, bad JSON and wrong types, limits, bad names, versions and paging
 * parameters, wrong methods and paths, unusable bearer tokens. Extra headers per case override the defaults.
 */
export interface VaultTokens { valid: string; otherAudience: string; forged: string }

const JSON_TYPE = { "content-type": "application/json" };

export function malformedVaultRequests(t: VaultTokens, apiVersion = "7.6"): MalformedRequest[] {
  const q = `api-version=${apiVersion}`;
  const auth = { authorization: `Bearer ${t.valid}` };
  const req = (name: string, method: string, path: string, body?: string | Buffer, expect: MalformedRequest["expect"] = "4xx",
    headers: Record<string, string> = {}): MalformedRequest =>
    ({ name, method, path, body, expect, headers: { ...auth, ...(body === undefined ? {} : JSON_TYPE), ...headers } });
  const out: MalformedRequest[] = [];

  // Writes go to bad-input-b: bad-input-a holds a value the test reads back afterwards.
  for (const v of ["", "1.0", "6.0", "99.0", "2099-01-01", "7.9-preview.1", "abc", "%00"]) {
    out.push(req(`api-version ${JSON.stringify(v)}`, "GET", `/secrets?api-version=${v}`));
    out.push(req(`set with api-version ${JSON.stringify(v)}`, "PUT", `/secrets/bad-input-b?api-version=${v}`, '{"value":"x"}'));
  }
  out.push(req("api-version twice", "PUT", `/secrets/bad-input-b?${q}&api-version=1.0`, '{"value":"x"}', "not-5xx"));
  out.push(req("no api-version", "GET", "/secrets/bad-input-a"));

  const tooMany = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, "v"]));
  const nested = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
  const badBodies: [string, string | Buffer][] = [
    ["empty body", ""], ["truncated JSON", '{"value":'], ["not JSON", "value=x"], ["null", "null"], ["an array", "[]"],
    ["a number", "123"], ["a string", '"x"'], ["no value", "{}"], ["value a number", '{"value":123}'],
    ["value null", '{"value":null}'], ["value true", '{"value":true}'], ["value an object", '{"value":{"a":1}}'],
    ["tags a string", '{"value":"x","tags":"a"}'], ["tags an array", '{"value":"x","tags":["a"]}'],
    ["tag value a number", '{"value":"x","tags":{"a":1}}'], ["tag value an object", '{"value":"x","tags":{"a":{"b":"c"}}}'],
    ["16 tags", JSON.stringify({ value: "x", tags: tooMany })],
    ["tag name of 600 chars", JSON.stringify({ value: "x", tags: { ["n".repeat(600)]: "v" } })],
    ["tag value of 600 chars", JSON.stringify({ value: "x", tags: { n: "v".repeat(600) } })],
    ["contentType a number", '{"value":"x","contentType":5}'],
    ["contentType of 256 chars", JSON.stringify({ value: "x", contentType: "c".repeat(256) })],
    ["attributes a string", '{"value":"x","attributes":"x"}'], ["attributes an array", '{"value":"x","attributes":[]}'],
    ["enabled a string", '{"value":"x","attributes":{"enabled":"yes"}}'],
    ["exp a string", '{"value":"x","attributes":{"exp":"tomorrow"}}'],
    ["exp not finite", '{"value":"x","attributes":{"exp":1e400}}'],
    ["value of 25 KB + 1", JSON.stringify({ value: "v".repeat(25 * 1024 + 1) })],
    ["value of 5 MB", JSON.stringify({ value: "v".repeat(5 * 1024 * 1024) })],
    ["200k nested arrays", nested],
    ["value invalid UTF-8", Buffer.from([0x7b, 0x22, 0x76, 0x61, 0x6c, 0x75, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ];
  for (const [name, body] of badBodies) {
    out.push(req(`set: ${name}`, "PUT", `/secrets/bad-input-b?${q}`, body));
    // Update parameters have no value: the value cases would be valid updates.
    if (!name.includes("value")) out.push(req(`update: ${name}`, "PATCH", `/secrets/bad-input-a/?${q}`, body));
  }
  out.push(req("value of 5 MB, chunked (no declared length)", "PUT", `/secrets/bad-input-b?${q}`,
    JSON.stringify({ value: "v".repeat(5 * 1024 * 1024) }), "4xx", { "transfer-encoding": "chunked" }));
  out.push(req("nbf a fraction", "PUT", `/secrets/bad-input-b?${q}`, '{"value":"x","attributes":{"nbf":1.5}}', "not-5xx"));
  out.push(req("prototype keys in the body", "PUT", `/secrets/bad-input-proto?${q}`,
    '{"value":"x","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"tags":{"__proto__":"x"}}', "not-5xx"));

  for (const name of ["bad_name", "a".repeat(128), "a.b", "%F0%9F%99%82", "a%2Fb", "%20", "%00", "..", "-%0A-", "a%25zz"]) {
    out.push(req(`set name ${name.slice(0, 24)}`, "PUT", `/secrets/${name}?${q}`, '{"value":"x"}'));
    out.push(req(`get name ${name.slice(0, 24)}`, "GET", `/secrets/${name}?${q}`));
  }
  for (const version of ["not-a-version", "0".repeat(33), "%00", "..", "a%2Fb"]) {
    out.push(req(`get version ${version.slice(0, 24)}`, "GET", `/secrets/bad-input-a/${version}?${q}`));
    out.push(req(`update version ${version.slice(0, 24)}`, "PATCH", `/secrets/bad-input-a/${version}?${q}`, '{"contentType":"x"}'));
  }
  for (const path of ["/secrets", "/deletedsecrets", "/secrets/bad-input-a/versions"]) {
    for (const m of ["0", "26", "-1", "abc", "1.5", "1e3", "99999999999999999999"]) {
      out.push(req(`${path} maxresults=${m}`, "GET", `${path}?${q}&maxresults=${m}`));
    }
    out.push(req(`${path} maxresults empty`, "GET", `${path}?${q}&maxresults=`, undefined, "not-5xx"));
    for (const s of ["abc", "%%%", "x".repeat(4000), "eyJ0IjoiLTEifQ", "-1"]) {
      out.push(req(`${path} $skiptoken=${s.slice(0, 16)}`, "GET", `${path}?${q}&$skiptoken=${s}`, undefined, "not-5xx"));
    }
  }
  for (const [method, path] of [["POST", "/secrets/bad-input-a"], ["DELETE", "/secrets"], ["PUT", "/secrets"],
    ["PUT", "/deletedsecrets/bad-input-a"], ["PATCH", "/deletedsecrets/bad-input-a"], ["GET", "/deletedsecrets/bad-input-a/recover"],
    ["POST", "/deletedsecrets/never-deleted/recover"], ["DELETE", "/deletedsecrets/never-deleted"],
    ["GET", "/deletedsecrets/never-deleted"], ["DELETE", "/secrets/never-existed"], ["PATCH", "/secrets/never-existed/"],
    ["GET", "/keys"], ["GET", "/certificates/x"], ["GET", "/secrets/a/b/c/d"], ["GET", "/"], ["GET", "/_stack/nope"],
    ["TRACE", "/secrets"], ["OPTIONS", "/secrets"]] as const) {
    out.push(req(`${method} ${path}`, method, `${path}?${q}`, method === "PATCH" || method === "PUT" ? "{}" : undefined));
  }
  const tokens: [string, string][] = [["no scheme", t.valid], ["Basic", "Basic dXNlcjpwYXNz"], ["empty Bearer", "Bearer "],
    ["Bearer junk", "Bearer a.b.c"], ["Bearer of 12 KB", `Bearer ${"a".repeat(12_000)}`], ["alg none", `Bearer ${unsignedJwt()}`],
    ["another audience", `Bearer ${t.otherAudience}`], ["forged signature", `Bearer ${t.forged}`],
    ["token twice", `Bearer ${t.valid}, Bearer ${t.valid}`]];
  for (const [name, authorization] of tokens) {
    out.push(req(`token: ${name}`, "GET", `/secrets?${q}`, undefined, "4xx", { authorization }));
  }
  out.push(req("a 20 KB header", "GET", `/secrets?${q}`, undefined, "4xx", { "x-junk": "j".repeat(20_000) }));
  return out;
}

/** A JWT with `alg: none`: a verifier must never accept it, whatever its claims say. */
function unsignedJwt(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: "none", typ: "JWT" })}.${part({ aud: "https://vault.azure.net", exp: now + 3600, oid: "x" })}.`;
}
