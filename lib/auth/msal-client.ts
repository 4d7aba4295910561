import {
  BrowserAuthError, CacheLookupPolicy, EventType, InteractionRequiredAuthError, NavigationClient, PublicClientApplication,
  type AuthenticationResult, type EventMessage, type IPublicClientApplication, type NavigationOptions,
} from "@azure/msal-browser";
import { setAccessTokenProvider } from "./access-token";
import type { AuthBrowserConfig } from "./browser-config";
import { saveFormsBeforeSignIn } from "./preserve-form";
import { sameOriginUrl } from "./same-origin";
import { rememberRolesOf } from "./session-roles";

/**
 * The browser's one MSAL instance (authorization code + PKCE by redirect) and the access-token provider the API
 * client uses. Cache: sessionStorage (README, "Sign-in"): per tab, gone when the tab closes, survives the
 * redirects of sign-in and page reloads; the strict CSP guards it against injected scripts.
 */

let current: { key: string; instance: PublicClientApplication } | undefined;

export function msalFor(config: AuthBrowserConfig): PublicClientApplication {
  const key = JSON.stringify(config);
  if (current?.key === key) return current.instance;
  const instance = new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      knownAuthorities: config.knownAuthorities,
      // Registered for the SPA: the portal's root. MSAL then returns to the page that started the sign-in.
      redirectUri: `${window.location.origin}/`,
      postLogoutRedirectUri: `${window.location.origin}/`,
    },
    cache: { cacheLocation: "sessionStorage" },
    system: { protocolMode: config.protocolMode as never },
  });
  instance.addEventCallback((e: EventMessage) => {
    if ((e.eventType === EventType.LOGIN_SUCCESS || e.eventType === EventType.ACQUIRE_TOKEN_SUCCESS) && e.payload) {
      const result = e.payload as AuthenticationResult;
      if (result.account) instance.setActiveAccount(result.account);
      if (result.accessToken) rememberRolesOf(result.accessToken);
    }
  });
  instance.setNavigationClient(new SameOriginNavigationClient());
  current = { key, instance };
  setAccessTokenProvider(tokenProvider(instance, config.apiScopes));
  return instance;
}

/**
 * After the identity provider sends the browser back, MSAL navigates "internally" to the page the sign-in started
 * from, which it kept in sessionStorage: only ever to one of the portal's pages, whatever was stored there.
 */
class SameOriginNavigationClient extends NavigationClient {
  override navigateInternal(url: string, options: NavigationOptions): Promise<boolean> {
    return super.navigateInternal(sameOriginUrl(url, window.location.origin), options);
  }
}

let redirecting = false;

/** Silent first (cache, then the refresh token); when the session is over, saves open forms and signs in again. */
function tokenProvider(instance: PublicClientApplication, scopes: string[]) {
  return async (): Promise<string> => {
    await instance.initialize();
    const account = instance.getActiveAccount() ?? instance.getAllAccounts()[0];
    if (!account) throw await signInAgain(instance, scopes);
    try {
      // Cache, then the refresh token; never MSAL's hidden-iframe fallback (the portal forbids framing, and a
      // redirect that keeps the operator's form is the better answer once the refresh token is spent).
      const result = await instance.acquireTokenSilent({ scopes, account, cacheLookupPolicy: CacheLookupPolicy.AccessTokenAndRefreshToken });
      rememberRolesOf(result.accessToken);
      return result.accessToken;
    } catch (err) {
      if (needsInteraction(err)) throw await signInAgain(instance, scopes);
      throw err;
    }
  };
}

function needsInteraction(err: unknown): boolean {
  // A silent iframe that cannot reach a session times out rather than saying "interaction required".
  return err instanceof InteractionRequiredAuthError ||
    (err instanceof BrowserAuthError && ["monitor_window_timeout", "timed_out", "no_account_error"].includes(err.errorCode));
}

async function signInAgain(instance: PublicClientApplication, scopes: string[]): Promise<Error> {
  if (!redirecting) {
    redirecting = true;
    saveFormsBeforeSignIn();
    await instance.acquireTokenRedirect({ scopes, redirectStartPage: window.location.href });
  }
  return new Error("Signing in again");
}

/** Starts the sign-in (sign-in page): back to `returnTo` afterwards if it is one of the portal's pages, else home. */
export function signIn(instance: IPublicClientApplication, scopes: string[], returnTo: string): Promise<void> {
  return instance.loginRedirect({ scopes, redirectStartPage: sameOriginUrl(returnTo, window.location.origin) });
}

/** Ends the session at the identity provider too, then lands on the portal's root (which asks to sign in). */
export function signOut(instance: IPublicClientApplication): Promise<void> {
  const account = instance.getActiveAccount() ?? instance.getAllAccounts()[0];
  return instance.logoutRedirect({ account });
}
