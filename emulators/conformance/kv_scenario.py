"""The conformance scenario through Debian's python3-azure (azure.keyvault.secrets 4.7.0b1, azure.identity 1.13.0b2).

Python twin of kv-scenario*.ts (steps in kv_scenario_steps.py): same steps, same outcome shape, so the two transcripts can be compared.
Run with /usr/bin/python3 (Debian's dist-packages):  kv_scenario.py <config.json> <main|forbidden|regranted> <out.json>
"""
import json
import re
import sys

import requests
from azure.core.exceptions import ClientAuthenticationError, HttpResponseError
from azure.identity import ClientSecretCredential
from azure.keyvault.secrets import SecretClient

from kv_scenario_steps import lifecycle_steps, refusal_steps, secrets_steps, version_steps, void


class Recorder:
    """Runs steps one after another and records outcomes; a failing step never stops the run."""

    def __init__(self):
        self.steps = []

    def step(self, name, run):
        try:
            facts = run()
            self.steps.append({"step": name, "result": "ok", **({"facts": facts} if facts is not None else {})})
        except HttpResponseError as e:
            outcome = {"step": name, "result": "error"}
            if e.status_code is not None:
                outcome["status"] = e.status_code
            code = getattr(e.error, "code", None) if e.error else None
            inner = (getattr(e.error, "innererror", None) or {}).get("code") if e.error else None
            if code:
                outcome["code"] = code
            if inner:
                outcome["innerCode"] = inner
            if e.status_code is None:
                outcome["unexpected"] = "%s: %s" % (type(e).__name__, e)
            self.steps.append(outcome)
        except Exception as e:  # anything that is not a service error makes the transcripts differ, on purpose
            self.steps.append({"step": name, "result": "error", "unexpected": "%s: %s" % (type(e).__name__, e)})


def parse_bearer_challenge(header):
    if not header or not header.strip().lower().startswith("bearer "):
        return {}
    params = {}
    for part in header.strip()[len("bearer "):].split(","):
        key, _, value = part.strip().partition("=")
        params[key] = value.strip('"')
    return params


def azure_error_code(response):
    try:
        code = response.json().get("error", {}).get("code")
        return code if isinstance(code, str) else None
    except ValueError:
        return None


def auth_steps(rec, c):
    """Requests without a usable token, sent below the SDK (an SDK always answers the challenge)."""
    url = c["vaultUrl"] + "secrets?api-version=7.6"
    authority = c["authorityHost"].rstrip("/") + "/" + c["tenantId"]
    for step, headers in (("no-token", {}), ("bad-token", {"Authorization": "Bearer not-a-jwt"})):
        def run(headers=headers):
            res = requests.get(url, headers={"Accept": "application/json", **headers}, verify=c["caFile"], timeout=10)
            challenge = parse_bearer_challenge(res.headers.get("WWW-Authenticate"))
            return {"status": res.status_code, "code": azure_error_code(res),
                    "authorityMatches": challenge.get("authorization") == authority,
                    "resource": challenge.get("resource")}
        rec.step(step, run)


def sign_in_refusal_steps(rec, c):
    """The SDK must surface the stand-in's Entra errors as authentication failures naming the AADSTS code."""
    cases = (("sign-in-wrong-secret", c["clientId"], "wrong-secret"),
             ("sign-in-unknown-client", "00000000-0000-0000-0000-000000000001", c["clientSecret"]))
    for step, client_id, secret in cases:
        def run(client_id=client_id, secret=secret):
            credential = ClientSecretCredential(c["tenantId"], client_id, secret, authority=c["authorityHost"],
                                                instance_discovery=False, connection_verify=c["caFile"])
            client = SecretClient(c["vaultUrl"], credential, verify_challenge_resource=False,
                                  connection_verify=c["caFile"])
            try:
                client.get_secret(c["prefix"] + "s-02")
                return {"refused": False}
            except ClientAuthenticationError as e:
                found = re.search(r"AADSTS(\d+)", str(e))
                return {"refused": True, "authenticationError": True, "aadsts": found.group(1) if found else None}
        rec.step(step, run)


def forbidden_steps(rec, client, c):
    name = c["prefix"] + "s-02"
    rec.step("no-role-get", lambda: void(client.get_secret(name)))
    rec.step("no-role-set", lambda: void(client.set_secret(name, "nope")))
    rec.step("no-role-list",
             lambda: {"firstPage": len(list(next(iter(client.list_properties_of_secrets().by_page()))))})
    rec.step("no-role-delete", lambda: void(client.begin_delete_secret(name)))


def main():
    config_path, phase, out_path = sys.argv[1:4]
    with open(config_path, encoding="utf-8") as f:
        c = json.load(f)
    credential = ClientSecretCredential(c["tenantId"], c["clientId"], c["clientSecret"], authority=c["authorityHost"],
                                        instance_discovery=False, connection_verify=c["caFile"])
    client = SecretClient(c["vaultUrl"], credential, verify_challenge_resource=False, connection_verify=c["caFile"])
    rec = Recorder()
    if phase == "main":
        versions = secrets_steps(rec, client, c)
        version_steps(rec, client, c, versions.get("s-00", ""))
        lifecycle_steps(rec, client, c, versions.get("s-01", ""))
        refusal_steps(rec, client, c)
        auth_steps(rec, c)
        sign_in_refusal_steps(rec, c)
    elif phase == "forbidden":
        forbidden_steps(rec, client, c)
    else:
        rec.step("regranted-get", lambda: {"valueMatches": client.get_secret(c["prefix"] + "s-02").value == "value-2"})
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(rec.steps, f, indent=1)


if __name__ == "__main__":
    main()
