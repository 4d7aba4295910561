import { randomBytes } from "node:crypto";
import { DEMO_USERS } from "./demo-users";

/** A page and the nonce of its style block (the CSP names it). */
export interface Page { html: string; nonce: string }

/**
 * The identity stand-in's pages: a plain, accessible sign-in form (labelled fields, an alert for errors, the demo
 * accounts in a table), an error page and a signed-out page. No script at all; one nonce'd style block.
 */

export interface SignInPageInput {
  action: string;                            // the form's POST target (the authorize endpoint)
  formId: string;
  csrf: string;
  username?: string;
  error?: string;
  appName: string;
}

export function signInPage(p: SignInPageInput): Page {
  const rows = DEMO_USERS.map((u) => `<tr><td><code>${esc(u.name)}</code></td><td><code>${esc(u.password)}</code></td>` +
    `<td>${esc(u.role ?? "no role (signs in, may not use the portal)")}</td></tr>`).join("");
  return page("Sign in", `
<h1>Sign in</h1>
<p>to continue to <strong>${esc(p.appName)}</strong></p>
${p.error ? `<p class="error" role="alert" id="error">${esc(p.error)}</p>` : ""}
<form method="post" action="${esc(p.action)}">
  <input type="hidden" name="form_id" value="${esc(p.formId)}">
  <input type="hidden" name="csrf" value="${esc(p.csrf)}">
  <label for="username">User name</label>
  <input id="username" name="username" type="text" autocomplete="username" required autofocus
    value="${esc(p.username ?? "")}"${p.error ? ' aria-describedby="error" aria-invalid="true"' : ""}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
</form>
<h2>Demo accounts</h2>
<p>This is the local stack's stand-in for Microsoft Entra ID. Its accounts exist only on this machine.</p>
<table>
  <caption>Demo users and their roles in the portal</caption>
  <thead><tr><th scope="col">User name</th><th scope="col">Password</th><th scope="col">Portal role</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`);
}

export function errorPage(title: string, message: string): Page {
  return page(title, `<h1>${esc(title)}</h1><p role="alert">${esc(message)}</p>`);
}

export function signedOutPage(note?: string): Page {
  return page("Signed out", `<h1>You signed out</h1><p>You can close this window.</p>${note ? `<p>${esc(note)}</p>` : ""}`);
}

function page(title: string, body: string): Page {
  const nonce = randomBytes(16).toString("base64url");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – local identity stand-in</title>
<style nonce="${nonce}">
body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}
label{display:block;margin-top:1rem;font-weight:600}
input{display:block;width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;border:1px solid #6b6b6b;border-radius:4px}
button{margin-top:1.25rem;padding:.5rem 1.5rem;font-size:1rem;background:#0f5ea8;color:#fff;border:0;border-radius:4px}
input:focus,button:focus{outline:3px solid #f2b600;outline-offset:2px}
.error{color:#a4262c;font-weight:600}
table{border-collapse:collapse;margin-top:.5rem}th,td{text-align:left;padding:.25rem .75rem .25rem 0}
caption{text-align:left;font-weight:600}
</style></head>
<body><main>${body}</main></body></html>`;
  return { html, nonce };
}

/** HTML-escapes text for element content and double-quoted attributes. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
