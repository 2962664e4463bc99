// 乙方 6 and 退订 at send time: who may receive the enterprise's messages.
import type { DbTx } from "../db";
import { normalizeMobile } from "../phone";

export type RecipientClass = "ALLOWED" | "NOT_ALLOWED" | "OPTED_OUT";

/**
 * Classifies recipients for one enterprise at `now`:
 * - OPTED_OUT when the number replied an opt-out keyword to this enterprise (wins over everything);
 * - ALLOWED when it is a Contact of this enterprise, or covered by an APPROVED consent of this
 *   enterprise whose ConsentNumber.validUntil is after `now`;
 * - NOT_ALLOWED otherwise, and for anything that is not a mobile number.
 * The keys are the strings as given; each is compared in its normalised 11-digit form, so
 * "+86 138-0013-8000" and "13800138000" classify alike. One set-based query for the whole list
 * (the numbers travel as one text[] parameter).
 */
export async function classifyRecipients(
  db: DbTx,
  enterpriseId: string,
  mobiles: string[],
  now: Date,
): Promise<Map<string, RecipientClass>> {
  const normalised = new Map<string, string | null>();
  const distinct = new Set<string>();
  for (const given of mobiles) {
    if (normalised.has(given)) continue;
    const mobile = normalizeMobile(given);
    normalised.set(given, mobile);
    if (mobile) distinct.add(mobile);
  }
  let optedOut = new Set<string>();
  let allowed = new Set<string>();
  if (distinct.size > 0) {
    const [row] = await db.$queryRaw<{ opted: string[] | null; allowed: string[] | null }[]>`
      WITH input AS (SELECT unnest(${[...distinct]}::text[]) AS mobile),
      opted AS (
        SELECT i.mobile FROM input i JOIN "OptOut" o ON o."enterpriseId" = ${enterpriseId} AND o.mobile = i.mobile
      ),
      allowed AS (
        SELECT i.mobile FROM input i
        WHERE EXISTS (SELECT 1 FROM "Contact" c WHERE c."enterpriseId" = ${enterpriseId} AND c.mobile = i.mobile)
           OR EXISTS (
             SELECT 1 FROM "ConsentNumber" n JOIN "RecipientConsent" r ON r.id = n."consentId"
             WHERE n."enterpriseId" = ${enterpriseId} AND n.mobile = i.mobile AND n."validUntil" > ${now}
               AND r.status = 'APPROVED' AND r."enterpriseId" = ${enterpriseId}
           )
      )
      SELECT (SELECT array_agg(mobile) FROM opted) AS opted, (SELECT array_agg(mobile) FROM allowed) AS allowed`;
    optedOut = new Set(row?.opted ?? []);
    allowed = new Set(row?.allowed ?? []);
  }
  const result = new Map<string, RecipientClass>();
  for (const [given, mobile] of normalised) {
    result.set(
      given,
      mobile === null
        ? "NOT_ALLOWED"
        : optedOut.has(mobile)
          ? "OPTED_OUT"
          : allowed.has(mobile)
            ? "ALLOWED"
            : "NOT_ALLOWED",
    );
  }
  return result;
}
