import { expect, test } from "vitest";
import { isAppError } from "../errors";
import { isCommonPassword } from "./common-passwords";
import { assertPasswordPolicy, hashPassword, verifyPassword } from "./password";
import { meetsPasswordPolicy, passwordPolicyProblem } from "./password-policy";

function expectPolicyProblem(password: string, problem: string): void {
  try {
    assertPasswordPolicy(password, "a@b.com");
  } catch (error) {
    expect(isAppError(error) && error.code === "PASSWORD_POLICY" && error.params.problem, password).toBe(problem);
    return;
  }
  expect.fail(`${password}: accepted`);
}

test("argon2id hashes verify only the right password", async () => {
  const hash = await hashPassword("Customer!2026");
  expect(hash.startsWith("$argon2id$")).toBe(true);
  expect(await verifyPassword(hash, "Customer!2026")).toBe(true);
  expect(await verifyPassword(hash, "customer!2026")).toBe(false);
  expect(await verifyPassword("not-a-hash", "x")).toBe(false);
});

test("policy: at least 10 characters, not the e-mail or its local part", () => {
  expect(passwordPolicyProblem("Zq9!mk2#p", "a@b.com")).toBe("TOO_SHORT");
  expect(passwordPolicyProblem("Zq9!mk2#pL", "a@b.com")).toBeNull();
  expect(passwordPolicyProblem("Admin@Demo.example.com", "admin@demo.example.com")).toBe("IS_EMAIL");
  expect(passwordPolicyProblem("longusername", "longusername@demo.example.com")).toBe("IS_EMAIL");
  expect(passwordPolicyProblem("中文密码也可以用十个字", "a@b.com")).toBeNull();
  // Characters, not UTF-16 units: ten emoji are ten characters, nine are not.
  expect(passwordPolicyProblem("🔒🔑🐼🐉🌙⭐🍵🎋🧧", "a@b.com")).toBe("TOO_SHORT");
});

test("policy: trivially repetitive passwords are refused, in any case", () => {
  for (const p of [
    "aaaaaaaaaa",
    "AAAAAAAAAAAA",
    "ababababab",
    "abcabcabca",
    "abcdabcdabcd",
    "1234567890",
    "0987654321",
    "abcdefghijk",
    "QWERTYUIOP",
    "poiuytrewq",
    "1212121212",
    "aaaaaaaaab",
  ]) {
    expect(passwordPolicyProblem(p, "a@b.com"), p).toBe("REPETITIVE");
  }
  for (const p of ["Customer!2026", "Correct!Horse2026", "abcde12345!", "密码密码密码密码密码"]) {
    expect(passwordPolicyProblem(p, "a@b.com") === "REPETITIVE", p).toBe(p === "密码密码密码密码密码");
  }
});

test("policy: the most common passwords are refused by the server's check; forms check the rest", () => {
  for (const p of ["password123", "Password123", "basketball", "qwerty12345", "manchester"]) {
    expect(isCommonPassword(p.toLowerCase()), p).toBe(true);
    expectPolicyProblem(p, "COMMON");
    // The browser's copy of the policy has no list (it would ship 380 KB): it lets these through.
    expect(meetsPasswordPolicy(p, "a@b.com")).toBe(true);
  }
  expect(isCommonPassword("customer!2026")).toBe(false);
  expect(() => assertPasswordPolicy("Customer!2026", "admin@demo.example.com")).not.toThrow();
  expectPolicyProblem("1234567890", "REPETITIVE");
  expectPolicyProblem("short", "TOO_SHORT");
});
