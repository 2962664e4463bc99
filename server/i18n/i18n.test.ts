import { describe, expect, test } from "vitest";
import { catalogues, interpolate, translator } from ".";
import { ERROR_CODES } from "../errors";

function leafKeys(node: unknown, prefix = ""): string[] {
  if (typeof node === "string") return [prefix];
  if (typeof node !== "object" || node === null) throw new Error(`unexpected value at ${prefix}`);
  return Object.entries(node).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

describe("message catalogues", () => {
  const zhKeys = leafKeys(catalogues.zh).sort();
  const enKeys = leafKeys(catalogues.en).sort();

  test("every key exists in both languages", () => {
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
  });

  test("no message is empty and placeholders match across languages", () => {
    const t = { zh: translator("zh"), en: translator("en") };
    for (const key of zhKeys) {
      const zhText = t.zh(key as never);
      const enText = t.en(key as never);
      expect(zhText.trim(), key).not.toBe("");
      expect(enText.trim(), key).not.toBe("");
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(enText), key).toEqual(names(zhText));
    }
  });

  test("every error code has a message", () => {
    for (const code of Object.keys(ERROR_CODES)) {
      expect(zhKeys).toContain(`errors.${code}`);
    }
  });

  test("interpolation fills named placeholders and leaves unknown ones", () => {
    expect(interpolate("请 {minutes} 分钟后再试", { minutes: 15 })).toBe("请 15 分钟后再试");
    expect(interpolate("{a}{b}", { a: 1 })).toBe("1{b}");
    expect(translator("en")("errors.ACCOUNT_LOCKED", { minutes: 3 })).toContain("3 minutes");
  });
});
