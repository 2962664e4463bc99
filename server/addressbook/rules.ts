// The address book's field rules, shared by the form, the router's schemas and the import: one
// place says how long a name may be, how tags are written and which words mean STAFF or CLIENT.
// Pure: client components import it too.
import { normalizeMobile } from "../phone";
import { ContactKind } from "../generated/prisma/enums";

export const CONTACT_KINDS = Object.values(ContactKind);
export type ContactKindCode = ContactKind;

export const LIMITS = {
  name: 50,
  note: 200,
  tag: 20,
  tagsPerContact: 10,
  groupName: 30,
  groupsPerContact: 20,
} as const;

/**
 * A mobile number as the address book stores it (11 digits), or null. Full-width digits and "＋"
 * (common in text pasted from Chinese documents) are folded to ASCII first; server/phone.ts then
 * strips +86 / 0086 / 86, spaces, dashes and dots.
 */
export function contactMobile(input: string): string | null {
  return normalizeMobile(asciiFold(input));
}

// NFKC costs a few microseconds a call, which adds up over 100,000 imported rows; plain ASCII needs none.
const NON_ASCII = /[^\x00-\x7f]/;
const asciiFold = (text: string) => (NON_ASCII.test(text) ? text.normalize("NFKC") : text);

const KIND_WORDS: Record<string, ContactKindCode> = {
  staff: "STAFF",
  employee: "STAFF",
  员工: "STAFF",
  职员: "STAFF",
  内部: "STAFF",
  内部员工: "STAFF",
  client: "CLIENT",
  customer: "CLIENT",
  客户: "CLIENT",
  外部: "CLIENT",
};

/** 员工 / STAFF / staff … → STAFF, 客户 / CLIENT … → CLIENT; blank → the fallback; anything else → null. */
export function parseKind(input: string, fallback: ContactKindCode): ContactKindCode | null {
  const word = asciiFold(input).trim().toLowerCase();
  if (word === "") return fallback;
  return KIND_WORDS[word] ?? null;
}

/** Tags or group names as people type them: separated by commas (, ，), 、 or semicolons; each once. */
export function splitList(input: string): string[] {
  const seen = new Set<string>();
  for (const part of input.split(/[,，、;；\n\r]+/)) {
    const item = part.trim();
    if (item) seen.add(item);
  }
  return [...seen];
}

/** Search text that looks like (part of) a number: the digits to match against stored mobiles. */
export function mobileSearchDigits(search: string): string | null {
  const compact = search.normalize("NFKC").replace(/[\s\-.()（）]/g, "");
  if (!/^\+?\d+$/.test(compact)) return null;
  if (compact.startsWith("+86")) return compact.slice(3) || null;
  if (compact.startsWith("0086") && compact.length > 4) return compact.slice(4);
  return compact.replace(/^\+/, "");
}
