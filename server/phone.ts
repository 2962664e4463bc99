// Chinese mobile numbers: 11 digits, 1[3-9] then 9 digits. Input may carry +86 / 0086 / 86,
// spaces, dashes, dots or parentheses; everything stores the bare 11 digits.

const MOBILE = /^1[3-9]\d{9}$/;

/** The 11-digit number, or null when the input is not a Chinese mobile number. */
export function normalizeMobile(input: string): string | null {
  let digits = input.trim().replace(/[\s\-.()（）]/g, "");
  if (digits.startsWith("+86")) digits = digits.slice(3);
  else if (digits.startsWith("0086")) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith("86")) digits = digits.slice(2);
  return MOBILE.test(digits) ? digits : null;
}

export function isMobile(input: string): boolean {
  return normalizeMobile(input) !== null;
}

/** Landline or mobile as written on contracts: digits with optional area code, dashes, extension. */
export function isPhoneNumber(input: string): boolean {
  const text = input.trim();
  return isMobile(text) || /^(\+?86[\s-]?)?(0\d{2,3}[\s-]?)?\d{7,8}([\s-]?(转|ext\.?|-)\s?\d{1,6})?$/.test(text);
}

/** 13800138000 → "138 0013 8000", the way people read numbers aloud. */
export function formatMobile(mobile: string): string {
  return MOBILE.test(mobile) ? `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}` : mobile;
}
