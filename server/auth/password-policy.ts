// The password policy of 乙方 1, pure so that forms can check it before submitting.

export const MIN_PASSWORD_LENGTH = 10;

/** At least 10 characters and not the e-mail address (case-insensitive). */
export function meetsPasswordPolicy(password: string, email: string): boolean {
  if ([...password].length < MIN_PASSWORD_LENGTH) return false;
  const lowered = password.trim().toLowerCase();
  const mail = email.trim().toLowerCase();
  return lowered !== mail && lowered !== mail.split("@")[0];
}
