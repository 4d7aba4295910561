import { createHash, randomBytes } from "node:crypto";
import { httpsJson, httpsRaw, type RawReply } from "./test-support";

/**
 * A scripted browser for the sign-in tests: keeps the identity stand-in's cookies, fills the sign-in form and
 * redeems codes the way MSAL browser does (PKCE S256, fragment response mode, Origin header on token requests).
 */
export class ScriptedBrowser {
  private readonly jar = new Map<string, string>();

  constructor(private readonly o: { authority: string /* <authorityHost><tenant> */; ca: string; clientId: string; origin: string }) {}

  hasCookie(name: string): boolean {
    return this.jar.has(name);
  }

  async get(url: string): Promise<RawReply> {
    return this.remember(await httpsRaw("GET", url, { ca: this.o.ca, headers: this.cookieHeader() }));
  }

  async postForm(url: string, fields: Record<string, string>): Promise<RawReply> {
    return this.remember(await httpsRaw("POST", url, {
      ca: this.o.ca, body: new URLSearchParams(fields).toString(),
      headers: { ...this.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
    }));
  }

  /** GET /authorize with a fresh PKCE pair; returns the reply and the verifier. */
  async authorize(params: Record<string, string> = {}): Promise<{ reply: RawReply; verifier: string }> {
    const verifier = randomBytes(32).toString("base64url");
    const query = new URLSearchParams({
      client_id: this.o.clientId, response_type: "code", redirect_uri: `${this.o.origin}/`, response_mode: "fragment",
      scope: "openid profile offline_access", state: "state-1", nonce: "nonce-1",
      code_challenge: createHash("sha256").update(verifier).digest("base64url"), code_challenge_method: "S256", ...params,
    });
    return { reply: await this.get(`${this.o.authority}/oauth2/v2.0/authorize?${query}`), verifier };
  }

  /** Fills and submits the sign-in form on `page`. */
  submitSignIn(page: RawReply, username: string, password: string): Promise<RawReply> {
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page.text)?.[1] ?? "";
    return this.postForm(`${this.o.authority}/oauth2/v2.0/authorize`, {
      form_id: hidden("form_id"), csrf: hidden("csrf"), username, password,
    });
  }

  /** The token endpoint, called cross-origin as MSAL browser does. */
  token(fields: Record<string, string>) {
    return httpsJson("POST", `${this.o.authority}/oauth2/v2.0/token`, {
      ca: this.o.ca, body: new URLSearchParams({ client_id: this.o.clientId, ...fields }).toString(),
      headers: { origin: this.o.origin },
    });
  }

  private cookieHeader(): Record<string, string> {
    return this.jar.size ? { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ") } : {};
  }

  private remember(reply: RawReply): RawReply {
    const setCookie = reply.headers["set-cookie"];
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const [name, value] = [pair!.slice(0, eq), pair!.slice(eq + 1)];
      if (!value || /max-age=0/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return reply;
  }
}

/** The OAuth parameters of a redirect back to the app (query or fragment). */
export function redirectParams(reply: RawReply): URLSearchParams {
  const location = String(reply.headers.location ?? "");
  const url = new URL(location);
  return new URLSearchParams(url.hash ? url.hash.slice(1) : url.search);
}
