import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type RunningStack } from "../stack";
import { KUBECTL } from "./testing/kubectl";

/** The Kubernetes stand-in as `npm start` runs it: endpoints.json, kubeconfig, seed, and what survives a restart. */
const run = promisify(execFile);
let dir: string;
let stack: RunningStack | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kube-stack-"));
  stack = await startStack({ dataDir: dir });
});
afterAll(async () => {
  await stack?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function kubectl(kubeconfig: string, ...args: string[]): Promise<string> {
  const cache = await mkdtemp(join(dir, "cache-"));
  const { stdout } = await run(KUBECTL, ["--kubeconfig", kubeconfig, "--cache-dir", cache, ...args],
    { env: { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH, HOME: dir } });
  return stdout;
}

describe("the Kubernetes stand-in in the local stack", () => {
  it("publishes kubeconfig and instance in endpoints.json; kubectl finds the seeded Instance with them alone", async () => {
    const e = JSON.parse(await readFile(join(dir, "local-stack", "endpoints.json"), "utf8")) as RunningStack["endpoints"];
    expect(e.kubeconfig).toBe(join(dir, "local-stack", "kubeconfig"));
    expect(e.instance).toEqual({ name: "aio-demo", namespace: "azure-iot-operations", cluster: "aio-demo-cluster",
      resourceGroup: "aio-demo-rg" });
    expect((await stat(e.kubeconfig)).mode & 0o777).toBe(0o600);
    const instance = JSON.parse(await kubectl(e.kubeconfig, "get", "instance", e.instance.name, "-n", e.instance.namespace,
      "-o", "json"));
    expect(instance).toMatchObject({ kind: "Instance", status: { provisioningState: "Succeeded" } });
    expect(await kubectl(e.kubeconfig, "config", "view", "--minify", "-o", "jsonpath={.contexts[0].context.namespace}"))
      .toBe("azure-iot-operations");
  });

  it("keeps objects, the bearer token and the issuer's key across a restart (no second seed)", async () => {
    const before = stack!.endpoints;
    const kubeconfigBefore = await readFile(before.kubeconfig, "utf8");
    const token = /token: "(.*)"/.exec(kubeconfigBefore)?.[1];
    const kid = stack!.cluster.serviceAccounts.jwks().keys[0]!.kid;
    await kubectl(before.kubeconfig, "label", "instance", "aio-demo", "restarted=yes");
    await stack!.stop();
    stack = undefined;
    stack = await startStack({ dataDir: dir });
    const after = stack.endpoints;
    expect(/token: "(.*)"/.exec(await readFile(after.kubeconfig, "utf8"))?.[1]).toBe(token);
    expect(stack.cluster.serviceAccounts.jwks().keys[0]!.kid).toBe(kid);
    expect(await kubectl(after.kubeconfig, "get", "instances", "-l", "restarted=yes", "-o", "name"))
      .toBe("instance.iotoperations.azure.com/aio-demo\n");
    expect(await kubectl(after.kubeconfig, "get", "namespaces", "-o", "name"))
      .toBe("namespace/azure-iot-operations\nnamespace/default\n");
  });
});
