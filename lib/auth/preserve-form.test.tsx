import { act, cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { saveFormsBeforeSignIn, takeSnapshot, usePreservedForm, withoutSecrets, writeSnapshot } from "./preserve-form";

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

/** A form like the later "new synced secret" one: a name, tags, and a secret value. */
function SecretForm() {
  const [name, setName] = useState("");
  const [tag, setTag] = useState("");
  const [value, setValue] = useState("");
  const preserved = usePreservedForm({
    key: "new-secret",
    getValues: () => ({ name, tags: { env: tag }, secretValue: value }),
    secretFields: ["secretValue"],
    onRestore: (v) => {
      setName(String(v.name ?? ""));
      setTag(String((v.tags as { env?: string } | undefined)?.env ?? ""));
    },
  });
  return (
    <form>
      {preserved.restored ? <p role="status">Re-enter: {preserved.secretFieldsToReenter.join(", ")}</p> : null}
      <label>Name<input value={name} onChange={(e) => setName(e.target.value)} /></label>
      <label>Env<input value={tag} onChange={(e) => setTag(e.target.value)} /></label>
      <label>Value<input type="password" value={value} onChange={(e) => setValue(e.target.value)} /></label>
    </form>
  );
}

describe("usePreservedForm", () => {
  it("restores the non-secret fields after a sign-in redirect and asks for the secret again", async () => {
    const user = userEvent.setup();
    const first = render(<SecretForm />);
    await user.type(screen.getByLabelText("Name"), "db-password");
    await user.type(screen.getByLabelText("Env"), "prod");
    await user.type(screen.getByLabelText("Value"), "hunter2-very-secret");
    act(() => saveFormsBeforeSignIn()); // the session expired: the browser is about to leave for sign-in
    expect(JSON.stringify(window.sessionStorage)).not.toContain("hunter2-very-secret");
    first.unmount(); // the page is gone; after sign-in it loads again

    render(<SecretForm />);
    expect(screen.getByLabelText("Name")).toHaveProperty("value", "db-password");
    expect(screen.getByLabelText("Env")).toHaveProperty("value", "prod");
    expect(screen.getByLabelText("Value")).toHaveProperty("value", "");
    expect(screen.getByRole("status").textContent).toBe("Re-enter: secretValue");
    expect(window.sessionStorage.length).toBe(0); // restored once, then gone
  });

  it("restores nothing when no sign-in happened", () => {
    render(<SecretForm />);
    expect(screen.getByLabelText("Name")).toHaveProperty("value", "");
    expect(screen.queryByRole("status")).toBeNull();
  });
});

describe("snapshots", () => {
  it("drop declared secret fields and anything named like a secret, at any depth", () => {
    expect(withoutSecrets({ name: "a", value: "v", nested: { password: "p", clientSecret: "c", keep: 1, apiKey: "k" }, other: "x" }, ["other"]))
      .toEqual({ name: "a", nested: { keep: 1 } });
  });

  it("drop secrets inside arrays too, by name and by declared path with * for any index", () => {
    const values = {
      name: "line-1",
      endpoints: [
        { name: "opc", authentication: { method: "UsernamePassword",
          username: { source: "existing", keyVaultSecretName: "opc-user" },
          password: { source: "new", keyVaultSecretName: "opc-pass", value: "hunter2-in-an-array" } } },
        { name: "cam", authentication: { method: "Certificate", certificate: { source: "new", keyVaultSecretName: "c", value: "-----BEGIN" } } },
      ],
      matrix: [[{ token: "t0ken" }, { keep: 1 }]],
      tags: ["a", "b"],
    };
    const kept = withoutSecrets(values, ["endpoints.*.authentication.username", "endpoints.*.authentication.certificate"]);
    expect(kept).toEqual({
      name: "line-1",
      endpoints: [
        { name: "opc", authentication: { method: "UsernamePassword" } },
        { name: "cam", authentication: { method: "Certificate" } },
      ],
      matrix: [[{}, { keep: 1 }]],
      tags: ["a", "b"],
    });
    const stored = JSON.stringify(kept);
    for (const secret of ["hunter2-in-an-array", "-----BEGIN", "t0ken", "opc-user"]) expect(stored).not.toContain(secret);
    // A declared path names an exact depth: it does not drop a same-named field elsewhere.
    expect(withoutSecrets({ list: [{ a: 1 }], a: 2 }, ["list.*.a"])).toEqual({ list: [{}], a: 2 });
    expect(withoutSecrets({ list: ["x", "y"] }, ["list.1"])).toEqual({ list: ["x", null] });
  });

  it("are only restored on the page that saved them, and not after an hour", () => {
    writeSnapshot(window.sessionStorage, "f", "/a", { name: "n" }, [], 1_000);
    expect(takeSnapshot(window.sessionStorage, "f", "/b", 2_000)).toBeNull();
    writeSnapshot(window.sessionStorage, "f", "/a", { name: "n" }, [], 1_000);
    expect(takeSnapshot(window.sessionStorage, "f", "/a", 1_000 + 61 * 60_000)).toBeNull();
    writeSnapshot(window.sessionStorage, "f", "/a", { name: "n" }, [], 1_000);
    expect(takeSnapshot(window.sessionStorage, "f", "/a", 2_000)).toEqual({ name: "n" });
  });
});
