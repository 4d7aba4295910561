import { describe, expect, it } from "vitest";
import { blankToUndefined } from "./blank-to-undefined";

describe("blankToUndefined", () => {
  it("makes empty and all-space strings undefined and passes anything else unchanged", () => {
    expect(blankToUndefined("")).toBeUndefined();
    expect(blankToUndefined("  \t")).toBeUndefined();
    expect(blankToUndefined(" a ")).toBe(" a ");
    expect(blankToUndefined(0)).toBe(0);
    expect(blankToUndefined(undefined)).toBeUndefined();
  });
});
