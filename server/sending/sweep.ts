// The pipeline's clock-driven work (the sending-sweep function runs it every minute):
// - scheduled jobs whose time has come are released (SCHEDULED -> QUEUED, with their start event);
// - messages the carrier took (SUBMITTED) or that may have reached it (UNKNOWN) and that have no
//   final receipt after the receipt timeout become EXPIRED, segment by segment. Their quota stays
//   used: the carrier may have sent them;
// - sending jobs with no open message left are completed (a safety net: receipts complete them).
import type { Db } from "../db";
import { sendEvent } from "../inngest/send";
import { jobReleasedEvent } from "./events";
import { completeFinishedJobs, queueWebhookDeliveries } from "./finalize";
import { rollUpMessages } from "./receipts";

/** Releases due scheduled jobs; returns their ids. */
export async function releaseDueJobs(db: Db, now: Date): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "SendJob" SET status = 'QUEUED'
      WHERE id IN (SELECT id FROM "SendJob" WHERE status = 'SCHEDULED' AND "scheduledAt" <= ${now}::timestamp ORDER BY "scheduledAt" LIMIT 1000 FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    if (rows.length > 0)
      await sendEvent(
        tx,
        rows.map((r) => jobReleasedEvent(r.id)),
      );
    return rows.map((r) => r.id);
  });
}

/**
 * Open messages submitted before now - timeoutMs become EXPIRED (their open segments too), in
 * chunks of `chunk`; a message whose segments all have their receipts (its roll-up was cut off)
 * gets its real state instead. Returns how many expired.
 */
export async function expireOverdueMessages(db: Db, now: Date, timeoutMs: number, chunk = 10_000): Promise<number> {
  const before = new Date(now.getTime() - timeoutMs);
  let total = 0;
  for (;;) {
    const { seen, expired } = await db.$transaction(
      async (tx) => {
        const due = await tx.$queryRaw<{ id: bigint }[]>`
          SELECT id FROM "Message"
          WHERE status IN ('SUBMITTED', 'UNKNOWN') AND "submittedAt" < ${before}::timestamp
          ORDER BY id LIMIT ${chunk}::int FOR UPDATE SKIP LOCKED`;
        if (due.length === 0) return { seen: 0, expired: 0 };
        const ids = due.map((r) => r.id.toString());
        const rolled = await rollUpMessages(tx, ids, now);
        const rows = await tx.$queryRaw<{ id: bigint; jobId: string }[]>`
          UPDATE "Message" m SET status = 'EXPIRED', "finalAt" = ${now}::timestamp,
                 "errorCode" = COALESCE(m."errorCode", 'NO_RECEIPT')
          WHERE m.id = ANY(${ids}::bigint[]) AND m.status IN ('SUBMITTED', 'UNKNOWN')
          RETURNING m.id, m."jobId"`;
        if (rows.length > 0) {
          await tx.$executeRaw`
            UPDATE "MessageSegment" SET status = 'EXPIRED', "receiptAt" = ${now}::timestamp
            WHERE "messageId" = ANY(${rows.map((r) => r.id.toString())}::bigint[]) AND status IN ('SUBMITTED', 'UNKNOWN')`;
        }
        // The roll-up queued its own webhooks.
        await queueWebhookDeliveries(
          tx,
          rows.map((r) => r.id),
          now,
        );
        await completeFinishedJobs(
          tx,
          [...rolled, ...rows].map((m) => m.jobId),
          now,
        );
        return { seen: due.length, expired: rows.length };
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
    total += expired;
    if (seen < chunk) return total;
  }
}

/** SENDING jobs none of whose messages is open any more become COMPLETED; returns their ids. */
export async function completeSendingJobs(db: Db, now: Date): Promise<string[]> {
  const jobs = await db.sendJob.findMany({ where: { status: "SENDING" }, select: { id: true }, take: 1000 });
  return completeFinishedJobs(
    db,
    jobs.map((j) => j.id),
    now,
  );
}
