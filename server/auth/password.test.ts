import { expect, test } from "vitest";
import { hashPassword, meetsPasswordPolicy, verifyPassword } from "./password";

test("argon2id hashes verify only the right password", async () => {
  const hash = await hashPassword("Customer!2026");
  expect(hash.startsWith("$argon2id$")).toBe(true);
  expect(await verifyPassword(hash, "Customer!2026")).toBe(true);
  expect(await verifyPassword(hash, "customer!2026")).toBe(false);
  expect(await verifyPassword("not-a-hash", "x")).toBe(false);
});

test("policy: at least 10 characters, not the e-mail", () => {
  expect(meetsPasswordPolicy("123456789", "a@b.com")).toBe(false);
  expect(meetsPasswordPolicy("1234567890", "a@b.com")).toBe(true);
  expect(meetsPasswordPolicy("Admin@Demo.example.com", "admin@demo.example.com")).toBe(false);
  expect(meetsPasswordPolicy("longusername", "longusername@demo.example.com")).toBe(false);
  expect(meetsPasswordPolicy("中文密码也可以用十个字", "a@b.com")).toBe(true);
});
