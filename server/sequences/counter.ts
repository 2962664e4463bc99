// Gapless numbers: the counter row is incremented inside the caller's transaction, so a number is
// used exactly when the row that carries it commits (a rolled-back transaction gives it back).
import type { DbTx } from "../db";

export async function nextCounterValue(db: DbTx, key: string): Promise<number> {
  const rows = await db.$queryRaw<{ value: number }[]>`
    INSERT INTO "Counter" ("key", "value") VALUES (${key}, 1)
    ON CONFLICT ("key") DO UPDATE SET "value" = "Counter"."value" + 1
    RETURNING "value"`;
  const value = rows[0]?.value;
  if (value === undefined) throw new Error(`counter ${key} returned nothing`);
  return value;
}

/**
 * Takes `count` consecutive values of a counter at once (count >= 1) and returns the first; the
 * same rule as nextCounterValue: the block is used exactly when the caller's transaction commits,
 * and a concurrent caller waits on the counter row until then, so blocks never overlap or leave gaps.
 */
export async function nextCounterBlock(db: DbTx, key: string, count: number): Promise<number> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`counter block of ${count}`);
  const rows = await db.$queryRaw<{ value: number }[]>`
    INSERT INTO "Counter" ("key", "value") VALUES (${key}, ${count})
    ON CONFLICT ("key") DO UPDATE SET "value" = "Counter"."value" + ${count}
    RETURNING "value"`;
  const value = rows[0]?.value;
  if (value === undefined) throw new Error(`counter ${key} returned nothing`);
  return value - count + 1;
}

/** QXT-HT-2026-0001: contract numbers run per signing year. */
export async function nextContractNumber(db: DbTx, year: number): Promise<string> {
  const n = await nextCounterValue(db, `contract:${year}`);
  return `QXT-HT-${year}-${String(n).padStart(4, "0")}`;
}
