/** What the stack tells `npm start` about browser sign-in (its ready file's `signIn`; emulators/main.ts). */
export interface SignInInfo {
  /** The identity stand-in: the one HTTPS site the browser visits (the sign-in page and MSAL's token calls). */
  authorityHost: string;
  /** Whether this user's browser store trusts the stack's CA: "unknown" where we cannot look (macOS, Windows). */
  browserTrust: "trusted" | "untrusted" | "unknown";
  users: { name: string; password: string; role: string }[];
}

/**
 * The one paragraph `npm start` prints after the portal answers: how to sign in, and what the browser will make of
 * the sign-in page's certificate. Plain words: it is read once, by someone who just wants to open the portal.
 */
export function signInNotice(info: SignInInfo, portalUrl: string): string {
  const width = Math.max(...info.users.map((u) => u.name.length + u.password.length));
  const users = info.users.map((u) => `  ${`${u.name} / ${u.password}`.padEnd(width + 5)}${u.role}`);
  const certificate = {
    trusted: ["Your browser trusts this stack's CA (npm run stack -- trust), so the sign-in page opens without a warning."],
    untrusted: [
      `Sign-in happens on ${info.authorityHost}, whose certificate comes from this stack's own CA:`,
      "your browser will warn that the connection is not private. To trust that CA (it can vouch for localhost,",
      "127.0.0.1 and ::1 only), run `npm run stack -- trust` once and restart the browser; or accept the warning.",
    ],
    unknown: [
      `Sign-in happens on ${info.authorityHost}, whose certificate comes from this stack's own CA. If your browser`,
      "warns that the connection is not private, run `npm run stack -- trust` once and restart the browser.",
    ],
  }[info.browserTrust];
  const lines = [`Open ${portalUrl} and sign in as a demo user (user name / password):`, ...users, ...certificate];
  return lines.map((line, i) => `${i === 0 ? "sign-in    " : "           "}${line}`).join("\n");
}
