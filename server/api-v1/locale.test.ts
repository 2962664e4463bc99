import { expect, test } from "vitest";
import { apiLocale } from "./locale";

test("English only when the client prefers it; Chinese otherwise", () => {
  expect(apiLocale(null)).toBe("zh");
  expect(apiLocale("")).toBe("zh");
  expect(apiLocale("en")).toBe("en");
  expect(apiLocale("en-US,en;q=0.9")).toBe("en");
  expect(apiLocale("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
  expect(apiLocale("en;q=0.5,zh;q=0.9")).toBe("zh");
  expect(apiLocale("fr-FR,en;q=0.3")).toBe("en");
  expect(apiLocale("fr-FR")).toBe("zh");
  expect(apiLocale("en;q=0")).toBe("zh");
  expect(apiLocale("*")).toBe("zh");
});
