// The one rule for text that people and clients send: no NUL or other control characters (tab and
// line breaks only in multi-line text), no unpaired UTF-16 surrogates (PostgreSQL refuses NUL and
// neither can be stored or shown), and no text made only of invisible characters. `textProblem` is
// the rule; `text()` is the zod schema of a text field (the precise per-field check) and
// `findInvalidText` the safety net that the tRPC middleware and the route readers run over every
// string of a request, so that ids, enums and e-mails refuse such characters with the same code.
import { z } from "zod";
import { AppError } from "../errors";

export type TextProblem = "TEXT_INVALID_CHARACTERS" | "TEXT_INVISIBLE_ONLY";
export const TEXT_PROBLEMS: readonly TextProblem[] = ["TEXT_INVALID_CHARACTERS", "TEXT_INVISIBLE_ONLY"];

export interface TextRule {
  /** Tab, line feed and carriage return allowed (message content, notes, pasted lists). */
  multiline?: boolean;
}

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0 controls and DEL, C1 controls; tab, LF and CR are decided by `multiline`.
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// What shows nothing: white space, format characters (zero-width, bidi marks and overrides, BOM),
// variation selectors, combining grapheme joiner, Hangul fillers and the braille blank.
const INVISIBLE = /[\s\p{Cf}\p{Zl}\p{Zp}\uFE00-\uFE0F\u034F\u115F\u1160\u3164\uFFA0\u2800\u{E0100}-\u{E01EF}]/gu;

/** What is wrong with `value` as text, or null; the empty string is fine (min lengths decide about it). */
export function textProblem(value: string, rule: TextRule = {}): TextProblem | null {
  if (UNPAIRED_SURROGATE.test(value)) return "TEXT_INVALID_CHARACTERS";
  if ((rule.multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE).test(value)) return "TEXT_INVALID_CHARACTERS";
  if (value !== "" && value.replace(INVISIBLE, "") === "") return "TEXT_INVISIBLE_ONLY";
  return null;
}

/** Throws the rule's AppError for `value` (`field` names it in the message). */
export function assertText(value: string, field: string, rule: TextRule = {}): void {
  const problem = textProblem(value, rule);
  if (problem) throw new AppError(problem, { field });
}

export interface TextField extends TextRule {
  max: number;
  min?: number;
  /** Surrounding white space removed before the checks (default true). */
  trim?: boolean;
}

/** A text field: trimmed (unless trim: false), min..max characters, and the text rule. */
export function text({ max, min = 0, multiline = false, trim = true }: TextField) {
  const base = trim ? z.string().trim() : z.string();
  return base
    .min(min)
    .max(max)
    .superRefine((value, ctx) => {
      const problem = textProblem(value, { multiline });
      if (problem) ctx.addIssue({ code: "custom", message: problem, params: { appCode: problem } });
    });
}

/** The text rule's code behind a zod failure, with the field's path, if one of its issues came from `text()`. */
export function textIssueOf(error: z.ZodError): { code: TextProblem; field: string } | null {
  for (const issue of error.issues) {
    const code = issue.code === "custom" ? (issue.params as { appCode?: unknown } | undefined)?.appCode : undefined;
    if (code === "TEXT_INVALID_CHARACTERS" || code === "TEXT_INVISIBLE_ONLY")
      return { code, field: fieldPath(issue.path) };
  }
  return null;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
      "",
    ) || "input"
  );
}

/**
 * The safety net: the path of the first string (or object key) anywhere in `value` that breaks the
 * multi-line form of the rule's character check, or null. Invisible-only text is left to the fields.
 */
export function findInvalidText(value: unknown, path: PropertyKey[] = [], depth = 0): string | null {
  if (typeof value === "string")
    return textProblem(value, { multiline: true }) === "TEXT_INVALID_CHARACTERS" ? fieldPath(path) : null;
  if (depth > 32 || value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findInvalidText(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return null;
  for (const [key, item] of Object.entries(value)) {
    // The key itself is not repeated in the answer: it is what cannot be shown.
    if (textProblem(key, { multiline: true }) === "TEXT_INVALID_CHARACTERS") return fieldPath(path);
    const found = findInvalidText(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Throws TEXT_INVALID_CHARACTERS naming the first offending string of `value` (see findInvalidText). */
export function assertNoInvalidText(value: unknown): void {
  const field = findInvalidText(value);
  if (field) throw new AppError("TEXT_INVALID_CHARACTERS", { field });
}
