import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, readBody } from "../shared/body";
import { AuthorizeError, parseAuthorizeRequest, redirectWith, type ParsedAuthorize } from "./authorize-request";
import { findUserBySignInName, passwordMatches } from "./demo-users";
import { EntraError } from "./errors";
import { errorPage, signedOutPage, signInPage, type Page } from "./sign-in-page";
import type { PendingForm, Session, SignInState } from "./sign-in-state";
import type { IdentityState } from "./state";

const MAX_FORM_BYTES = 16 * 1024;
const SESSION_COOKIE = "opsidp_session";
const CSRF_COOKIE = "opsidp_csrf";

export interface BrowserContext { state: IdentityState; signIn: SignInState; tenantPath: string /* "/<tenant>" */ }

/**
 * GET /<tenant>/oauth2/v2.0/authorize: a signed-in browser (session cookie) gets its code at once; otherwise, or
 * with prompt=login, the sign-in form. prompt=none never shows a page: code or `login_required`.
 * POST (the form): checks the CSRF token (hidden field = cookie = the form's own) and the password, starts the
 * session and redirects back with `code` and `state`.
 */
export async function handleAuthorize(req: IncomingMessage, res: ServerResponse, url: URL, ctx: BrowserContext): Promise<void> {
  if (req.method === "POST") return handleSignInForm(req, res, ctx);
  if (req.method !== "GET") {
    req.resume();
    return sendPage(res, 405, errorPage("Method not allowed", "The sign-in endpoint accepts GET and POST."));
  }
  let parsed: ParsedAuthorize;
  try {
    parsed = parseAuthorizeRequest(url.searchParams, ctx.state);
  } catch (err) {
    return refuse(res, err);
  }
  const session = currentSession(req, ctx);
  if (parsed.prompt === "none") {
    if (!session) {
      return redirect(res, redirectWith(parsed.request, errorParams(new EntraError(400, "login_required", 50058,
        "A silent sign-in request was sent but no user is signed in."))));
    }
    return redirect(res, issueCode(ctx, parsed, session));
  }
  if (session && parsed.prompt !== "login" && parsed.prompt !== "select_account") return redirect(res, issueCode(ctx, parsed, session));
  showForm(res, ctx, ctx.signIn.newForm(parsed.request), parsed.request.loginHint);
}

async function handleSignInForm(req: IncomingMessage, res: ServerResponse, ctx: BrowserContext): Promise<void> {
  let fields: URLSearchParams;
  try {
    fields = new URLSearchParams((await readBody(req, MAX_FORM_BYTES)).toString("utf8"));
  } catch (err) {
    if (err instanceof BodyTooLargeError) return sendPage(res, 413, errorPage("Request too large", "The form is too large."));
    throw err;
  }
  const form = ctx.signIn.form(fields.get("form_id") ?? "");
  const csrf = fields.get("csrf") ?? "";
  if (!form || csrf !== form.csrf || cookies(req)[CSRF_COOKIE] !== form.csrf) {
    return sendPage(res, 400, errorPage("Sign-in expired", "This sign-in page has expired or was not opened by this " +
      "browser. Go back to the app and sign in again."));
  }
  const username = fields.get("username") ?? "";
  const user = findUserBySignInName(ctx.state.users, username);
  if (!user || !passwordMatches(user, fields.get("password") ?? "")) {
    return showForm(res, ctx, form, username, "The user name or password is incorrect.");
  }
  ctx.signIn.endForm(form.id);
  const previous = cookies(req)[SESSION_COOKIE];
  if (previous) ctx.signIn.endSession(previous);
  const session = ctx.signIn.startSession(user.objectId);
  res.setHeader("set-cookie", [
    cookie(SESSION_COOKIE, session.id, ctx.tenantPath, "None"),
    cookie(CSRF_COOKIE, "", authorizePath(ctx), "Strict", 0),
  ]);
  const client = ctx.state.spaApps.find((a) => a.clientId === form.request.clientId);
  if (!client) return sendPage(res, 400, errorPage("Unknown application", "The application was removed."));
  redirect(res, issueCode(ctx, { request: form.request, client, prompt: undefined, clientInfo: false }, session));
}

/** GET|POST /<tenant>/oauth2/v2.0/logout: ends the session (its refresh tokens too), then back to the app. */
export function handleLogout(req: IncomingMessage, res: ServerResponse, url: URL, ctx: BrowserContext): void {
  req.resume();
  const id = cookies(req)[SESSION_COOKIE];
  if (id) ctx.signIn.endSession(id);
  res.setHeader("set-cookie", cookie(SESSION_COOKIE, "", ctx.tenantPath, "None", 0));
  const target = url.searchParams.get("post_logout_redirect_uri");
  const clientId = url.searchParams.get("client_id");
  const apps = ctx.state.spaApps.filter((a) => !clientId || a.clientId.toLowerCase() === clientId.toLowerCase());
  if (target && apps.some((a) => a.redirectUris.includes(target))) {
    const back = new URL(target);
    const appState = url.searchParams.get("state");
    if (appState !== null) back.searchParams.set("state", appState);
    return redirect(res, back.href);
  }
  sendPage(res, 200, signedOutPage(target ? "The address to return to is not registered for the application." : undefined));
}

function showForm(res: ServerResponse, ctx: BrowserContext, form: PendingForm, username?: string, error?: string): void {
  const client = ctx.state.spaApps.find((a) => a.clientId === form.request.clientId);
  res.setHeader("set-cookie", cookie(CSRF_COOKIE, form.csrf, authorizePath(ctx), "Strict"));
  sendPage(res, 200, signInPage({
    action: authorizePath(ctx), formId: form.id, csrf: form.csrf, username, error, appName: client?.displayName ?? "the application",
  }), new URL(form.request.redirectUri).origin);
}

function issueCode(ctx: BrowserContext, p: ParsedAuthorize, session: Session): string {
  const code = ctx.signIn.issueCode({ request: p.request, userOid: session.userOid, sessionId: session.id, authTime: session.authTime });
  const params: Record<string, string> = { code };
  if (p.clientInfo) {
    params.client_info = Buffer.from(JSON.stringify({ uid: session.userOid, utid: ctx.state.tenantId })).toString("base64url");
  }
  return redirectWith(p.request, params);
}

function currentSession(req: IncomingMessage, ctx: BrowserContext): Session | undefined {
  const session = ctx.signIn.session(cookies(req)[SESSION_COOKIE]);
  // A user removed from the tenant is signed out everywhere.
  return session && ctx.state.users.some((u) => u.objectId === session.userOid) ? session : undefined;
}

function refuse(res: ServerResponse, err: unknown): void {
  if (!(err instanceof AuthorizeError)) throw err;
  if (err.redirect) return redirect(res, redirectWith(err.redirect, errorParams(err.entra)));
  sendPage(res, 400, errorPage("Sign-in failed", err.entra.message));
}

function errorParams(e: EntraError): Record<string, string> {
  return { error: e.error, error_description: e.message };
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, "cache-control": "no-store", "content-length": "0" }).end();
}

/**
 * HTML with a strict CSP: no script, the one nonce'd style, never framed. The form may post to us and follow our
 * redirect to the app (Chromium applies form-action to the redirect after a form submission too).
 */
function sendPage(res: ServerResponse, status: number, page: Page, appOrigin?: string): void {
  const formAction = ["'self'", appOrigin].filter(Boolean).join(" ");
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer", "x-frame-options": "DENY",
    "content-security-policy": `default-src 'none'; style-src 'nonce-${page.nonce}'; form-action ${formAction}; ` +
      "frame-ancestors 'none'; base-uri 'none'",
  }).end(page.html);
}

function authorizePath(ctx: BrowserContext): string {
  return `${ctx.tenantPath}/oauth2/v2.0/authorize`;
}

function cookie(name: string, value: string, path: string, sameSite: "None" | "Strict", maxAge?: number): string {
  return `${name}=${value}; Path=${path}; Secure; HttpOnly; SameSite=${sameSite}${maxAge === undefined ? "" : `; Max-Age=${maxAge}`}`;
}

function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}
