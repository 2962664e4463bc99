// 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015: 18 characters from a
// 31-character alphabet (no I, O, Z, S, V); the last is a check character over the first 17.

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** First character: the registration authority (1 机构编制, 5 民政, 9 工商, Y 其他, ...). */
const AUTHORITIES = "123456789ABCDEFGNY";

export type UsccProblem = "LENGTH" | "CHARACTERS" | "FORMAT" | "CHECK_CHARACTER";

export function normalizeUscc(input: string): string {
  return input.trim().toUpperCase();
}

/** The check character for the first 17 characters (already normalised). */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i] ?? "");
    if (value < 0) throw new RangeError(`invalid USCC character at ${i + 1}`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check] ?? "";
}

/** Why a code is not a valid USCC, or null when it is valid. Lower case is accepted (normalised). */
export function usccProblem(input: string): UsccProblem | null {
  const code = normalizeUscc(input);
  if (code.length !== 18) return "LENGTH";
  for (const ch of code) if (!ALPHABET.includes(ch)) return "CHARACTERS";
  if (!AUTHORITIES.includes(code[0] ?? "") || !/^\d{6}$/.test(code.slice(2, 8))) return "FORMAT";
  if (usccCheckCharacter(code.slice(0, 17)) !== code[17]) return "CHECK_CHARACTER";
  return null;
}

export function isValidUscc(input: string): boolean {
  return usccProblem(input) === null;
}
