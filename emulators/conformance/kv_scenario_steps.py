"""Secret steps of the conformance scenario for Debian's azure.keyvault.secrets 4.7.0b1.

Mirrors kv-scenario-secrets.ts and kv-scenario-lifecycle.ts step for step; kv_scenario.py runs them.
"""
import datetime

SECRET_COUNT = 60
DAY_S = 86400


def secret_spec(i):
    """Mirrors secretSpec() in transcript.ts."""
    return {
        "suffix": "s-%02d" % i,
        "value": "value-%d" % i,
        "content_type": "text/plain" if i % 3 == 0 else None,
        "tags": {"idx": str(i), "kind": "conformance"} if i % 4 == 0 else {},
    }


SPECS = [secret_spec(i) for i in range(SECRET_COUNT)]

def same_properties(p, s, name):
    return p.name == name and p.content_type == s["content_type"] and (p.tags or {}) == s["tags"] and p.enabled is True


def same_secret(r, s, name):
    return r.value == s["value"] and same_properties(r.properties, s, name)


def secrets_steps(rec, client, c):
    name = lambda suffix: c["prefix"] + suffix  # noqa: E731
    versions = {}

    def set_60():
        mismatches = []
        for s in SPECS:
            kwargs = {}
            if s["content_type"]:
                kwargs["content_type"] = s["content_type"]
            if s["tags"]:
                kwargs["tags"] = s["tags"]
            r = client.set_secret(name(s["suffix"]), s["value"], **kwargs)
            versions[s["suffix"]] = r.properties.version or ""
            if not same_secret(r, s, name(s["suffix"])) or not r.properties.version:
                mismatches.append(s["suffix"])
        return {"set": len(SPECS), "mismatches": mismatches}

    def get_60():
        mismatches = []
        for s in SPECS:
            r = client.get_secret(name(s["suffix"]))
            if not same_secret(r, s, name(s["suffix"])) or r.properties.version != versions.get(s["suffix"]):
                mismatches.append(s["suffix"])
        return {"fetched": len(SPECS), "mismatches": mismatches}

    def list_pages(max_page_size):
        def run():
            page_sizes, seen = [], {}
            pager = client.list_properties_of_secrets(**({"max_page_size": max_page_size} if max_page_size else {}))
            for page in pager.by_page():
                items = list(page)
                page_sizes.append(len(items))
                for p in items:
                    if p.name.startswith(c["prefix"]):
                        seen[p.name[len(c["prefix"]):]] = p
            suffixes = [s["suffix"] for s in SPECS]
            return {
                "pageCount": len(page_sizes),
                "largestPage": max([0] + page_sizes),
                "listed": len(seen),
                "missing": [s["suffix"] for s in SPECS if s["suffix"] not in seen],
                "extra": sorted(k for k in seen if k not in suffixes),
                "wrongProperties": [s["suffix"] for s in SPECS
                                    if s["suffix"] in seen and not same_properties(seen[s["suffix"]], s, name(s["suffix"]))],
            }
        return run

    rec.step("set-60", set_60)
    rec.step("get-60", get_60)
    rec.step("list-default-pages", list_pages(None))
    rec.step("list-pages-of-10", list_pages(10))
    return versions


def version_steps(rec, client, c, first):
    name = c["prefix"] + "s-00"
    state = {"second": ""}

    def set_second():
        state["second"] = client.set_secret(name, "value-0-v2").properties.version or ""
        return {"newVersion": state["second"] not in ("", first)}

    def list_versions():
        versions = [p.version or "" for p in client.list_properties_of_secret_versions(name) if p.name == name]
        return {"count": len(versions), "hasFirst": first in versions, "hasSecond": state["second"] in versions}

    def get_old():
        r = client.get_secret(name, first)
        return {"valueMatches": r.value == "value-0", "versionMatches": r.properties.version == first}

    def get_latest():
        r = client.get_secret(name)
        return {"valueMatches": r.value == "value-0-v2", "versionMatches": r.properties.version == state["second"]}

    def update():
        p = client.update_secret_properties(name, state["second"], content_type="application/json",
                                            tags={"owner": "conformance"}, enabled=False)
        return {"contentType": p.content_type, "tags": p.tags or {}, "enabled": p.enabled}

    def list_after_update():
        enabled = {}
        for p in client.list_properties_of_secret_versions(name):
            key = "first" if p.version == first else "second" if p.version == state["second"] else "other"
            enabled[key] = p.enabled
        return {"enabled": enabled}

    def after_re_enable():
        r = client.get_secret(name)
        return {"valueMatches": r.value == "value-0-v2", "contentType": r.properties.content_type,
                "tags": r.properties.tags or {}}

    rec.step("set-second-version", set_second)
    rec.step("list-versions", list_versions)
    rec.step("get-old-version", get_old)
    rec.step("get-latest", get_latest)
    rec.step("update-properties", update)
    rec.step("get-disabled", lambda: void(client.get_secret(name)))
    rec.step("get-disabled-by-version", lambda: void(client.get_secret(name, state["second"])))
    rec.step("get-old-version-still-enabled", lambda: {"valueMatches": client.get_secret(name, first).value == "value-0"})
    rec.step("list-versions-after-update", list_after_update)
    rec.step("re-enable", lambda: {"enabled": client.update_secret_properties(name, state["second"], enabled=True).enabled})
    rec.step("get-after-re-enable", after_re_enable)


def void(_):
    return None


def deleted_facts(d, c, name):
    now = datetime.datetime.now(datetime.timezone.utc)
    deleted, purge = d.deleted_date, d.scheduled_purge_date
    return {
        "nameMatches": d.name == name,
        "recoveryIdMatches": d.recovery_id == "%sdeletedsecrets/%s" % (c["vaultUrl"], name),
        "hasDeletedOn": deleted is not None and abs((deleted - now).total_seconds()) < DAY_S,
        "retentionDays": round((purge - deleted).total_seconds() / DAY_S) if deleted and purge else None,
    }


def lifecycle_steps(rec, client, c, first):
    name = c["prefix"] + "s-01"

    def delete_and_wait():
        poller = client.begin_delete_secret(name, _polling_interval=0.1)
        poller.wait()  # polls GET /deletedsecrets/{name} until the deletion is complete, as the JS poller does
        return poller.result()

    def recover():
        poller = client.begin_recover_deleted_secret(name, _polling_interval=0.1)
        poller.wait()
        return {"nameMatches": poller.result().name == name}

    def get_after_recover():
        r = client.get_secret(name)
        return {"valueMatches": r.value == "value-1", "versionMatches": r.properties.version == first}

    def list_deleted():
        ours = sorted(d.name[len(c["prefix"]):] for d in client.list_deleted_secrets() if d.name.startswith(c["prefix"]))
        return {"ours": ours}

    rec.step("delete", lambda: deleted_facts(delete_and_wait(), c, name))
    rec.step("get-while-deleted", lambda: void(client.get_secret(name)))
    rec.step("get-deleted", lambda: deleted_facts(client.get_deleted_secret(name), c, name))
    rec.step("list-deleted", list_deleted)
    rec.step("set-deleted-name", lambda: void(client.set_secret(name, "reused")))
    rec.step("recover", recover)
    rec.step("get-after-recover", get_after_recover)
    rec.step("get-deleted-after-recover", lambda: void(client.get_deleted_secret(name)))
    rec.step("delete-for-purge", lambda: void(delete_and_wait()))
    rec.step("purge", lambda: void(client.purge_deleted_secret(name)))
    rec.step("get-deleted-after-purge", lambda: void(client.get_deleted_secret(name)))
    rec.step("get-after-purge", lambda: void(client.get_secret(name)))
    rec.step("set-after-purge",
             lambda: {"newVersion": (client.set_secret(name, "value-1-again").properties.version or first) != first})


def refusal_steps(rec, client, c):
    p = c["prefix"]
    rec.step("not-found", lambda: void(client.get_secret(p + "missing")))
    rec.step("not-found-version", lambda: void(client.get_secret(p + "s-02", "0" * 32)))
    rec.step("set-invalid-name", lambda: void(client.set_secret(p + "bad_name", "x")))
    rec.step("set-value-too-large", lambda: void(client.set_secret(p + "big", "x" * (25 * 1024 + 1))))
    tags = {"t%d" % i: "v" for i in range(16)}
    rec.step("set-too-many-tags", lambda: void(client.set_secret(p + "tags", "x", tags=tags)))
