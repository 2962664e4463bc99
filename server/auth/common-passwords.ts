// zxcvbn's list of the most common passwords (@zxcvbn-ts/language-common), server-only: only
// those long enough to pass the length rule matter, compared in lower case.
import { dictionary } from "@zxcvbn-ts/language-common";
import { MIN_PASSWORD_LENGTH } from "./password-policy";

let common: Set<string> | undefined;

export function isCommonPassword(lowered: string): boolean {
  common ??= new Set(
    dictionary["passwords-common"].filter((p) => [...p].length >= MIN_PASSWORD_LENGTH).map((p) => p.toLowerCase()),
  );
  return common.has(lowered);
}
