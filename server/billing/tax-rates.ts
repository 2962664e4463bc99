// The bureau's VAT rate, effective from a China date (issue 17 item 8). FINANCE or a bureau admin
// sets a rate for a day after today; a rate never changes for a day that has begun, so a receipt or
// statement issued on a day always reads the same rate (receipts also freeze it in their row).
import { type Actor, recordAudit } from "../audit/log";
import {
  addDays,
  type ChinaDate,
  compareChinaDates,
  formatChinaDate,
  fromDbDate,
  parseChinaDate,
  toChinaDate,
  toDbDate,
} from "../clock";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { DEFAULT_VAT_RATE_BP } from "./tax";

/** The rate in force on a China date, in basis points; the 6 % default when none is configured for that day. */
export async function taxRateOn(db: DbTx, day: ChinaDate): Promise<number> {
  const rate = await db.taxRate.findFirst({
    where: { effectiveOn: { lte: toDbDate(day) } },
    orderBy: { effectiveOn: "desc" },
  });
  return rate?.rateBp ?? DEFAULT_VAT_RATE_BP;
}

/** All rates loaded once, as a lookup of the rate in force on a day (for lists of statements). */
export async function taxRateResolver(db: DbTx): Promise<(day: ChinaDate) => number> {
  const rates = (await db.taxRate.findMany({ orderBy: { effectiveOn: "desc" } })).map((r) => ({
    from: fromDbDate(r.effectiveOn),
    rateBp: r.rateBp,
  }));
  return (day) => rates.find((r) => compareChinaDates(r.from, day) <= 0)?.rateBp ?? DEFAULT_VAT_RATE_BP;
}

/** Every configured rate, latest first. */
export async function listTaxRates(db: DbTx) {
  const rates = await db.taxRate.findMany({ orderBy: { effectiveOn: "desc" } });
  return rates.map((r) => ({ id: r.id, rateBp: r.rateBp, effectiveOn: formatChinaDate(fromDbDate(r.effectiveOn)) }));
}

export interface TaxRateInput {
  /** Basis points, 0 to 10,000 (600 = 6 %). */
  rateBp: number;
  /** "2027-01-01": after today, China time. */
  effectiveOn: string;
}

/** Sets the rate from a future date (replacing one already set for that date), audited. */
export async function setTaxRate(db: Db, actor: Actor, input: TaxRateInput, now: Date) {
  if (!Number.isInteger(input.rateBp) || input.rateBp < 0 || input.rateBp > 10_000)
    throw new AppError("TAX_RATE_INVALID", { rate: String(input.rateBp) });
  const day = parseChinaDate(input.effectiveOn);
  const earliest = addDays(toChinaDate(now), 1);
  if (compareChinaDates(day, earliest) < 0)
    throw new AppError("TAX_RATE_EFFECTIVE_IN_PAST", {
      effectiveOn: input.effectiveOn,
      earliest: formatChinaDate(earliest),
    });
  return db.$transaction(async (tx) => {
    const before = await tx.taxRate.findUnique({ where: { effectiveOn: toDbDate(day) } });
    const rate = await tx.taxRate.upsert({
      where: { effectiveOn: toDbDate(day) },
      create: { rateBp: input.rateBp, effectiveOn: toDbDate(day), createdById: actor.userId, createdAt: now },
      update: { rateBp: input.rateBp, createdById: actor.userId, createdAt: now },
    });
    await recordAudit(
      tx,
      actor,
      {
        action: "billing.taxRate.set",
        entityType: "TaxRate",
        entityId: rate.id,
        detail: { effectiveOn: formatChinaDate(day), from: before?.rateBp ?? null, to: input.rateBp },
      },
      now,
    );
    return { id: rate.id, rateBp: rate.rateBp, effectiveOn: formatChinaDate(day) };
  });
}
