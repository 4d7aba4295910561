import { describe, expect, it } from "vitest";
import { startOptions } from "./start-options";

const ROOT = "/checkout";

describe("npm start's options", () => {
  it("defaults to the checkout's .data and port 3000", () => {
    expect(startOptions([], {}, ROOT)).toEqual({ dataDir: "/checkout/.data", dev: false, freePorts: false, port: 3000, help: false });
  });

  it("takes the data folder from --data-dir, else OPS_PORTAL_DATA_DIR; relative to where npm was started", () => {
    expect(startOptions(["--data-dir", "/srv/a"], { OPS_PORTAL_DATA_DIR: "/srv/b" }, ROOT).dataDir).toBe("/srv/a");
    expect(startOptions([], { OPS_PORTAL_DATA_DIR: "/srv/b" }, ROOT).dataDir).toBe("/srv/b");
    expect(startOptions(["--data-dir", "demo"], { INIT_CWD: "/home/me/work" }, ROOT).dataDir).toBe("/home/me/work/demo");
    expect(startOptions([], { OPS_PORTAL_DATA_DIR: "" }, ROOT).dataDir).toBe("/checkout/.data");
  });

  it("reads --dev, --free-ports and PORT, and refuses what it does not know", () => {
    expect(startOptions(["--dev", "--free-ports"], { PORT: "3100" }, ROOT)).toMatchObject({ dev: true, freePorts: true, port: 3100 });
    expect(() => startOptions([], { PORT: "http" }, ROOT)).toThrow(/PORT must be a port number/);
    expect(() => startOptions(["--data"], {}, ROOT)).toThrow();
  });
});
