/**
 * Malformed requests for the identity stand-in, beyond emulators/identity/bad-input.test.ts (which covers a
 * missing body, JSON, binary, unknown grant, missing fields, other tenant, GET, 2 MB): every form field dropped,
 * emptied or replaced by junk; duplicated fields; odd content types, methods and paths; a huge header and query.
 */
export interface MalformedRequest {
  name: string;
  method: string;
  path: string;                       // relative to the stand-in's base URL
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** "4xx": must be refused. "not-5xx": either answer is fine (e.g. Entra's handling of duplicates is undocumented). */
  expect: "4xx" | "not-5xx";
}

export interface ValidClient { tenantId: string; clientId: string; clientSecret: string; otherSecret: string }

const FORM = "application/x-www-form-urlencoded";
const JUNK = ["", " ", "\u0000", "%00", "%", "%zz", "🙂", "<script>alert(1)</script>", "' OR 1=1 --", "null", "[]",
  "{}", "a=b&c=d", "\r\nx-injected: 1", "x".repeat(64 * 1024), "../../etc/passwd"];

const encode = (fields: [string, string][]) => fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");

export function malformedIdentityRequests(c: ValidClient): MalformedRequest[] {
  const tokenPath = `/${c.tenantId}/oauth2/v2.0/token`;
  const valid: [string, string][] = [["grant_type", "client_credentials"], ["client_id", c.clientId],
    ["client_secret", c.clientSecret], ["scope", "https://vault.azure.net/.default"]];
  const post = (name: string, body: string | Buffer, expect: MalformedRequest["expect"] = "4xx",
    headers: Record<string, string> = { "content-type": FORM }): MalformedRequest =>
    ({ name, method: "POST", path: tokenPath, headers, body, expect });
  const out: MalformedRequest[] = [];

  for (const [field] of valid) {
    out.push(post(`${field} dropped`, encode(valid.filter(([k]) => k !== field))));
    JUNK.forEach((junk, i) => out.push(post(`${field} = junk #${i}`,
      encode(valid.map(([k, v]) => [k, k === field ? junk : v])))));
    // Raw (not url-encoded) junk exercises the form parser itself.
    JUNK.forEach((junk, i) => out.push(post(`${field} = raw junk #${i}`,
      valid.map(([k, v]) => `${k}=${k === field ? junk : encodeURIComponent(v)}`).join("&"))));
    out.push(post(`${field} twice, second one junk`, encode([...valid, [field, "junk"]]), "not-5xx"));
  }
  out.push(post("another client's secret", encode(valid.map(([k, v]) => [k, k === "client_secret" ? c.otherSecret : v]))));
  out.push(post("secret with different case", encode(valid.map(([k, v]) => [k, k === "client_secret" ? v.toUpperCase() : v]))));
  out.push(post("assertion and secret", encode([...valid, ["client_assertion", "not.a.jwt"],
    ["client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"]])));
  out.push(post("assertion of the wrong type", encode([...valid.filter(([k]) => k !== "client_secret"),
    ["client_assertion", "x"], ["client_assertion_type", "password"]])));
  for (const scope of ["https://vault.azure.net/.default https://graph.microsoft.com/.default", "https://unknown.example/.default",
    "/.default", "api:///.default", "api://00000000-0000-0000-0000-000000000000/.default", "https://vault.azure.net/secrets.read"]) {
    out.push(post(`scope ${scope}`, encode(valid.map(([k, v]) => [k, k === "scope" ? scope : v]))));
  }
  for (const grant of ["CLIENT_CREDENTIALS", "client_credentials ", "authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:jwt-bearer"]) {
    out.push(post(`grant_type ${JSON.stringify(grant)}`, encode(valid.map(([k, v]) => [k, k === "grant_type" ? grant : v]))));
  }
  for (const type of ["text/plain", "multipart/form-data; boundary=x", "application/json", "application/xml", ""]) {
    out.push(post(`valid form sent as ${type || "no content type"}`, encode(valid), "4xx", type ? { "content-type": type } : {}));
  }
  for (const body of ["&&&&", "=&=&=", "grant_type", "grant_type=client_credentials&&&", "%%%%%%%", "a".repeat(900 * 1024),
    `${"x=1&".repeat(50_000)}grant_type=client_credentials`, JSON.stringify(Object.fromEntries(valid))]) {
    out.push(post(`raw body ${JSON.stringify(body.slice(0, 24))} (${body.length} bytes)`, body));
  }
  out.push(post("1.5 MB form, chunked (no declared length)", `${encode(valid)}&pad=${"p".repeat(1536 * 1024)}`, "4xx",
    { "content-type": FORM, "transfer-encoding": "chunked" }));
  out.push(post("ten thousand junk fields plus a valid form", `${"j=1&".repeat(10_000)}${encode(valid)}`, "not-5xx"));
  for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS"]) {
    out.push({ name: `${method} on the token endpoint`, method, path: tokenPath, headers: { "content-type": FORM },
      body: encode(valid), expect: "4xx" });
    for (const path of [`/${c.tenantId}/v2.0/.well-known/openid-configuration`, `/${c.tenantId}/discovery/v2.0/keys`]) {
      out.push({ name: `${method} on ${path.split("/").slice(2).join("/")}`, method, path, expect: "4xx" });
    }
  }
  for (const path of [`${tokenPath}/`, `/${c.tenantId}/oauth2/token`, `/${c.tenantId}//oauth2/v2.0/token`, "/common/oauth2/v2.0/token",
    "/organizations/v2.0/.well-known/openid-configuration", `/${c.tenantId}/oauth2/%2e%2e/%2e%2e/%2e%2e/etc/passwd`, "/%ZZ/oauth2/v2.0/token",
    `/${c.tenantId}/oauth2/v2.0/token%00`, `/${"a".repeat(8000)}/oauth2/v2.0/token`, "/", "/favicon.ico", "/.well-known/openid-configuration",
    `/${c.tenantId}/v2.0/.well-known/openid-configuration/..%2f..%2fkeys`]) {
    out.push({ name: `POST ${path.slice(0, 60)}`, method: "POST", path, headers: { "content-type": FORM }, body: encode(valid), expect: "4xx" });
  }
  out.push({ name: "query string of 6 KB junk", method: "POST", path: `${tokenPath}?${"%zz&".repeat(1500)}`,
    headers: { "content-type": FORM }, body: "grant_type=nope", expect: "4xx" });
  out.push({ name: "a 20 KB header", method: "POST", path: tokenPath, headers: { "content-type": FORM, "x-junk": "j".repeat(20_000) },
    body: encode(valid), expect: "4xx" });
  return out;
}
