import type { KeyVaultSecret, SecretClient, SecretProperties } from "@azure/keyvault-secrets";
import { isDeepStrictEqual } from "node:util";
import type { Recorder } from "./recorder";
import { SECRET_COUNT, secretSpec, type ScenarioConfig } from "./transcript";

type Spec = ReturnType<typeof secretSpec>;
export const specs: Spec[] = Array.from({ length: SECRET_COUNT }, (_, i) => secretSpec(i));

function sameProperties(p: SecretProperties, s: Spec, name: string): boolean {
  return p.name === name && (p.contentType ?? null) === s.contentType && isDeepStrictEqual(p.tags ?? {}, s.tags)
    && p.enabled === true;
}
const sameSecret = (r: KeyVaultSecret, s: Spec, name: string) => r.value === s.value && sameProperties(r.properties, s, name);

/** Set, get and list 60 secrets; mirrors `secrets_steps` in kv_scenario_steps.py. Returns each secret's first version. */
export async function secretSteps(rec: Recorder, client: SecretClient, c: ScenarioConfig): Promise<Map<string, string>> {
  const name = (suffix: string) => c.prefix + suffix;
  const versions = new Map<string, string>();

  await rec.step("set-60", async () => {
    const mismatches: string[] = [];
    for (const s of specs) {
      const r = await client.setSecret(name(s.suffix), s.value, {
        ...(s.contentType ? { contentType: s.contentType } : {}),
        ...(Object.keys(s.tags).length ? { tags: s.tags } : {}),
      });
      versions.set(s.suffix, r.properties.version ?? "");
      if (!sameSecret(r, s, name(s.suffix)) || !r.properties.version) mismatches.push(s.suffix);
    }
    return { set: specs.length, mismatches };
  });

  await rec.step("get-60", async () => {
    const mismatches: string[] = [];
    for (const s of specs) {
      const r = await client.getSecret(name(s.suffix));
      if (!sameSecret(r, s, name(s.suffix)) || r.properties.version !== versions.get(s.suffix)) mismatches.push(s.suffix);
    }
    return { fetched: specs.length, mismatches };
  });

  for (const [step, maxPageSize] of [["list-default-pages", undefined], ["list-pages-of-10", 10]] as const) {
    await rec.step(step, async () => {
      const pageSizes: number[] = [];
      const seen = new Map<string, SecretProperties>();
      for await (const page of client.listPropertiesOfSecrets().byPage(maxPageSize ? { maxPageSize } : {})) {
        pageSizes.push(page.length);
        for (const p of page) if (p.name.startsWith(c.prefix)) seen.set(p.name.slice(c.prefix.length), p);
      }
      return listFacts(pageSizes, seen, c);
    });
  }
  return versions;
}

/** Page count, largest page, and which of our secrets are missing or listed with the wrong properties. */
function listFacts(pageSizes: number[], seen: Map<string, SecretProperties>, c: ScenarioConfig) {
  const missing = specs.filter((s) => !seen.has(s.suffix)).map((s) => s.suffix);
  const wrongProperties = specs.filter((s) => seen.has(s.suffix) && !sameProperties(seen.get(s.suffix)!, s, c.prefix + s.suffix))
    .map((s) => s.suffix);
  const extra = [...seen.keys()].filter((k) => !specs.some((s) => s.suffix === k)).sort();
  return { pageCount: pageSizes.length, largestPage: Math.max(0, ...pageSizes), listed: seen.size, missing, extra,
    wrongProperties };
}
