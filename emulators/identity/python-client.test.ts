import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTlsMaterial, type TlsMaterial } from "../shared/tls";
import { startIdentityServer, type RunningIdentityServer } from "./server";

const run = promisify(execFile);
let dir: string;
let tls: TlsMaterial;
let idp: RunningIdentityServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "identity-python-"));
  tls = await ensureTlsMaterial(join(dir, "local-stack"));
  idp = await startIdentityServer({ dataDir: join(dir, "identity"), tls, host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await idp?.stop();
  await rm(dir, { recursive: true, force: true });
});

// Debian's azure.identity 1.13.0b2 spells it `instance_discovery=False` (toolchain-clients.md §3.1).
const SCRIPT = `
import base64, json, os, sys
from azure.identity import ClientSecretCredential
cred = ClientSecretCredential(os.environ["TENANT"], os.environ["CLIENT_ID"], os.environ["SECRET"],
    authority=os.environ["AUTHORITY"], instance_discovery=False, connection_verify=os.environ["CA_FILE"])
try:
    token = cred.get_token("https://vault.azure.net/.default").token
except Exception as e:
    print(json.dumps({"error": str(e)})); sys.exit(0)
payload = token.split(".")[1]
print(json.dumps({"claims": json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))}))
`;

async function pythonToken(secret: string): Promise<{ claims?: Record<string, unknown>; error?: string }> {
  const sp = idp.store.findPrincipal("portal") as { clientId: string };
  const { stdout } = await run("/usr/bin/python3", ["-c", SCRIPT], {
    env: { ...process.env, TENANT: idp.tenantId, CLIENT_ID: sp.clientId, SECRET: secret,
      AUTHORITY: idp.authorityHost, CA_FILE: tls.caFile },
  });
  return JSON.parse(stdout) as { claims?: Record<string, unknown>; error?: string };
}

describe("identity stand-in with Debian's Python azure.identity", () => {
  it("issues the portal identity a Key Vault token", async () => {
    const sp = idp.store.findPrincipal("portal") as { clientId: string; objectId: string; secrets: string[] };
    const { claims } = await pythonToken(sp.secrets[0]!);
    expect(claims).toMatchObject({ aud: "https://vault.azure.net", oid: sp.objectId, appid: sp.clientId, tid: idp.tenantId });
  });

  it("reports a wrong secret with AADSTS7000215", async () => {
    expect((await pythonToken("wrong")).error).toMatch(/AADSTS7000215/);
  });
});
