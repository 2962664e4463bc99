// Who a send goes to: the members of chosen groups, chosen contacts and pasted numbers, each number
// once. Groups and contacts are resolved in one set-based query (a 100,000-member group is one
// round trip) and only within the enterprise: ids of another enterprise's groups or contacts match
// nothing.
import type { DbTx } from "../db";
import { contactMobile } from "./rules";

export interface RecipientSelection {
  groupIds?: string[];
  contactIds?: string[];
  /** As typed or pasted; an entry may hold several numbers separated by commas, semicolons, 、 or line breaks. */
  numbers?: string[];
}

export interface ResolvedRecipients {
  /** Normalised 11-digit numbers, each once: the address-book ones by number, then pasted ones in the order given. */
  mobiles: string[];
  /** Pasted entries that are not Chinese mobile numbers, as given (trimmed), each once. */
  invalid: string[];
}

/** A pasted block split into entries; spaces stay inside an entry because people write "138 0013 8000". */
export function splitPastedNumbers(text: string): string[] {
  return text
    .split(/[,，;；、\n\r\t]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

export async function resolveRecipients(
  db: DbTx,
  enterpriseId: string,
  selection: RecipientSelection,
): Promise<ResolvedRecipients> {
  const groupIds = [...new Set(selection.groupIds ?? [])];
  const contactIds = [...new Set(selection.contactIds ?? [])];
  const mobiles = new Set<string>();
  if (groupIds.length > 0 || contactIds.length > 0) {
    // UNION removes the numbers reached both ways; both branches check the enterprise.
    const rows = await db.$queryRaw<{ mobile: string }[]>`
      SELECT c.mobile FROM "Contact" c
      WHERE c."enterpriseId" = ${enterpriseId} AND c.id = ANY(${contactIds}::text[])
      UNION
      SELECT c.mobile FROM "ContactGroup" g
        JOIN "ContactGroupMember" m ON m."groupId" = g.id
        JOIN "Contact" c ON c.id = m."contactId"
      WHERE g."enterpriseId" = ${enterpriseId} AND g.id = ANY(${groupIds}::text[]) AND c."enterpriseId" = ${enterpriseId}
      ORDER BY 1`;
    for (const row of rows) mobiles.add(row.mobile);
  }
  const invalid = new Set<string>();
  for (const entry of (selection.numbers ?? []).flatMap(splitPastedNumbers)) {
    const mobile = contactMobile(entry);
    if (mobile) mobiles.add(mobile);
    else invalid.add(entry);
  }
  return { mobiles: [...mobiles], invalid: [...invalid] };
}
