// The package catalogue (二 1) with versioned prices.
import { fromDbDate, toChinaDate, toDbDate } from "../clock";
import type { DbTx } from "../db";

/** The price version in force on a China date: the latest whose effectiveFrom is on or before it. */
export function priceInForce<P extends { effectiveFrom: Date; version: number }>(prices: P[], onDate: Date): P | null {
  const day = toDbDate(toChinaDate(onDate)).getTime();
  let best: P | null = null;
  for (const price of prices) {
    if (price.effectiveFrom.getTime() > day) continue;
    if (!best || price.version > best.version) best = price;
  }
  return best;
}

export async function listPackages(db: DbTx, options: { includeInactive: boolean }, now: Date) {
  const packages = await db.package.findMany({
    where: options.includeInactive ? {} : { active: true },
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    include: { prices: { orderBy: { version: "desc" } } },
  });
  return packages.map((p) => {
    const current = priceInForce(p.prices, now);
    return {
      id: p.id,
      code: p.code,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      isFree: p.isFree,
      active: p.active,
      current: current && {
        version: current.version,
        baseFeeFen: current.baseFeeFen,
        includedMessages: current.includedMessages,
        overagePriceLi: current.overagePriceLi,
        dailyCap: current.dailyCap,
        effectiveFrom: fromDbDate(current.effectiveFrom),
      },
      history: p.prices.map((price) => ({
        version: price.version,
        baseFeeFen: price.baseFeeFen,
        includedMessages: price.includedMessages,
        overagePriceLi: price.overagePriceLi,
        dailyCap: price.dailyCap,
        effectiveFrom: fromDbDate(price.effectiveFrom),
      })),
    };
  });
}
