// The password policy of 乙方 1, pure so that forms can check it before submitting; the server
// checks it once more (assertPasswordPolicy in ./password.ts) wherever a password is set, and only
// the server holds the list of common passwords (./common-passwords.ts), which is too large to ship
// to browsers: a form passes no list and the server's answer covers that rule.

export const MIN_PASSWORD_LENGTH = 10;

// Runs people type along: digits, the alphabet, keyboard rows (either direction).
const RUNS = [
  "01234567890123456789",
  "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
  "qwertyuiopasdfghjklzxcvbnm",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
];

export type PasswordProblem = "TOO_SHORT" | "IS_EMAIL" | "COMMON" | "REPETITIVE";

/** True for passwords made of a few characters, or one short unit repeated ("abcabcabca"), or a run ("1234567890"). */
function isTriviallyRepetitive(lowered: string): boolean {
  const chars = [...lowered];
  if (new Set(chars).size <= 2) return true;
  for (let unit = 1; unit <= 4; unit += 1) {
    if (chars.every((c, i) => c === chars[i % unit])) return true;
  }
  return RUNS.some((run) => run.includes(lowered) || [...run].reverse().join("").includes(lowered));
}

/** What is wrong with the password, or null when it meets the policy (`isCommon` given: that rule too). */
export function passwordPolicyProblem(
  password: string,
  email: string,
  isCommon?: (lowered: string) => boolean,
): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return "TOO_SHORT";
  const lowered = password.trim().toLowerCase();
  const mail = email.trim().toLowerCase();
  if (lowered === mail || lowered === mail.split("@")[0]) return "IS_EMAIL";
  if (isTriviallyRepetitive(lowered)) return "REPETITIVE";
  if (isCommon?.(lowered)) return "COMMON";
  return null;
}

/** At least 10 characters, not the e-mail address, not trivially repetitive (and, given `isCommon`, not a common password). */
export function meetsPasswordPolicy(password: string, email: string, isCommon?: (lowered: string) => boolean): boolean {
  return passwordPolicyProblem(password, email, isCommon) === null;
}
