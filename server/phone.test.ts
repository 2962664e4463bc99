import { describe, expect, test } from "vitest";
import { formatMobile, isPhoneNumber, normalizeMobile } from "./phone";

describe("Chinese mobile numbers", () => {
  test.each([
    ["13800138000", "13800138000"],
    ["+86 138 0013 8000", "13800138000"],
    ["0086-138-0013-8000", "13800138000"],
    ["8613800138000", "13800138000"],
    [" 199.0000.1111 ", "19900001111"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeMobile(input)).toBe(expected);
  });

  test.each(["12800138000", "1380013800", "138001380001", "+1 138 0013 8000", "abc", "", "23800138000"])(
    "%s is refused",
    (input) => {
      expect(normalizeMobile(input)).toBeNull();
    },
  );

  test("landlines as printed on contracts", () => {
    expect(isPhoneNumber("0591-87654321")).toBe(true);
    expect(isPhoneNumber("010 12345678")).toBe(true);
    expect(isPhoneNumber("0591-87654321-808")).toBe(true);
    expect(isPhoneNumber("13800138000")).toBe(true);
    expect(isPhoneNumber("12345")).toBe(false);
    expect(isPhoneNumber("call me")).toBe(false);
  });

  test("display groups 3-4-4", () => {
    expect(formatMobile("13800138000")).toBe("138 0013 8000");
  });
});
