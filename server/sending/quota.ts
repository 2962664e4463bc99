// 二 2: the daily cap, in segments per enterprise per China-time day.
//
// Reserving is one conditional UPDATE of the enterprise's DailyUsage row for the day (created
// first if missing): it adds n only while reserved + n stays within the cap. Concurrent acceptances
// queue on that row lock and each re-checks the condition against the committed total, so they
// can never exceed the cap together. Quota is given back for messages that never reached the
// carrier (rejected at submit, failed, cancelled, rejected in review). Metering
// (submittedSegments) counts segments once, when the carrier accepted them.
import type { DbTx } from "../db";
import { packageInForce } from "../billing/package-changes";
import { type ChinaDate, toDbDate } from "../clock";
import { AppError } from "../errors";

/**
 * The cap on a China day: the one of the package in force on that day (the contract's own cap for
 * the free package), so a change effective on the 1st governs sends of the 1st from 00:00.
 */
export async function contractDailyCap(db: DbTx, contractId: string, day: ChinaDate): Promise<number> {
  return (await packageInForce(db, contractId, day)).terms.dailyCap;
}

/** Segments reserved so far on the day (0 when nothing was sent). */
export async function reservedOn(db: DbTx, enterpriseId: string, day: ChinaDate): Promise<number> {
  const row = await db.dailyUsage.findUnique({
    where: { enterpriseId_day: { enterpriseId, day: toDbDate(day) } },
    select: { reservedSegments: true },
  });
  return row?.reservedSegments ?? 0;
}

/**
 * Reserves `segments` against the cap, atomically; throws DAILY_CAP_EXCEEDED {remaining, requested}
 * and reserves nothing when they do not fit. Call inside the transaction that writes the job.
 */
export async function reserveDailyQuota(
  db: DbTx,
  enterpriseId: string,
  day: ChinaDate,
  segments: number,
  cap: number,
): Promise<void> {
  if (segments <= 0) return;
  const date = toDbDate(day);
  await db.$executeRaw`INSERT INTO "DailyUsage" ("enterpriseId", "day") VALUES (${enterpriseId}, ${date}::date) ON CONFLICT DO NOTHING`;
  const updated = await db.$queryRaw<{ reservedSegments: number }[]>`
    UPDATE "DailyUsage" SET "reservedSegments" = "reservedSegments" + ${segments}
    WHERE "enterpriseId" = ${enterpriseId} AND "day" = ${date}::date AND "reservedSegments" + ${segments} <= ${cap}
    RETURNING "reservedSegments"`;
  if (updated.length === 0) {
    const reserved = await reservedOn(db, enterpriseId, day);
    throw new AppError("DAILY_CAP_EXCEEDED", { remaining: Math.max(0, cap - reserved), requested: segments, cap });
  }
}

/** Gives back quota reserved on `day` (a DATE column value) for segments that never reached the carrier. */
export async function releaseDailyQuota(db: DbTx, enterpriseId: string, day: Date, segments: number): Promise<void> {
  if (segments <= 0) return;
  await db.$executeRaw`
    UPDATE "DailyUsage" SET "reservedSegments" = GREATEST(0, "reservedSegments" - ${segments})
    WHERE "enterpriseId" = ${enterpriseId} AND "day" = ${day}::date`;
}
