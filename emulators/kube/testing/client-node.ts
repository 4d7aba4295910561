import * as k8s from "@kubernetes/client-node";
import { expect } from "vitest";
import { TEST_TOKEN } from "./kube-fixtures";

/** client-node configured as a kubeconfig with a bearer token and a CA configures it, against a test stand-in. */
export function clientNodeFor(url: string, caPem: string, namespace: string) {
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "local", server: url, caData: Buffer.from(caPem).toString("base64"), skipTLSVerify: false }],
    users: [{ name: "u", token: TEST_TOKEN }],
    contexts: [{ name: "local", cluster: "local", user: "u", namespace }],
    currentContext: "local",
  });
  return { kc, core: kc.makeApiClient(k8s.CoreV1Api), custom: kc.makeApiClient(k8s.CustomObjectsApi) };
}

/** The rejection of a client-node call, with the Status body parsed as the portal's adapter reads it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a Status body is untyped JSON
export async function apiFailure<S = any>(call: Promise<unknown>): Promise<{ code: number; status: S }> {
  try {
    await call;
  } catch (e) {
    expect(e).toBeInstanceOf(k8s.ApiException);
    const err = e as k8s.ApiException<string>;
    return { code: err.code, status: JSON.parse(err.body) as S };
  }
  throw new Error("the call succeeded");
}
