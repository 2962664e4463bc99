// Password hashing (argon2id) and the password policy of 乙方 1.
import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../errors";
import { isCommonPassword } from "./common-passwords";
import { passwordPolicyProblem } from "./password-policy";

export { MIN_PASSWORD_LENGTH } from "./password-policy";

/** The one check wherever a password is set (registration, invitation, change), every rule: PASSWORD_POLICY {problem} otherwise. */
export function assertPasswordPolicy(password: string, email: string): void {
  const problem = passwordPolicyProblem(password, email, isCommonPassword);
  if (problem) throw new AppError("PASSWORD_POLICY", { problem });
}

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the e-mail is unknown, so both paths cost the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password-0000");
  return dummyHash;
}
