// What follows a message reaching its final state, for every path that finalises messages
// (receipts, refusals at submit, failures, the expiry sweep): a webhook delivery row when the
// enterprise has an active endpoint (the API's deliverer sends them), and the job's completion
// once none of its messages is open. Set-based: one statement each, whatever the number.
import { type DbTx, rawQuery } from "../db";
import { Prisma } from "../generated/prisma/client";

/**
 * The INSERT of webhook deliveries for the final messages of `messages`: a relation with Message's
 * columns (the table filtered, or a data-modifying CTE's RETURNING), so that a statement which
 * finalises messages can queue their deliveries itself (./receipts.ts). Only enterprises with an
 * active endpoint get rows; the dedupe key `${messageId}:${status}` makes it safe to run twice.
 */
export function webhookDeliveryInsert(messages: Prisma.Sql, now: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "WebhookDelivery" ("id", "enterpriseId", "messageId", "dedupeKey", "payload", "status", "attempts", "nextAttemptAt", "createdAt")
    SELECT gen_random_uuid()::text, m."enterpriseId", m."id", m."id"::text || ':' || m."status"::text,
           jsonb_build_object(
             'messageId', m."id"::text, 'jobId', m."jobId", 'clientRef', j."clientRef", 'to', m."mobile",
             'status', m."status"::text, 'segments', m."segments", 'errorCode', m."errorCode",
             'finalAt', to_char(m."finalAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
           'PENDING', 0, ${now}::timestamp, ${now}::timestamp
    FROM ${messages} m
    JOIN "WebhookEndpoint" w ON w."enterpriseId" = m."enterpriseId" AND w."active"
    JOIN "SendJob" j ON j."id" = m."jobId"
    WHERE m."status" NOT IN ('PENDING', 'SUBMITTING', 'SUBMITTED', 'UNKNOWN')
      AND m."finalAt" IS NOT NULL
    ON CONFLICT ("dedupeKey") DO NOTHING`;
}

/**
 * Queues webhook deliveries for these messages (those in a final state, of enterprises with an
 * active endpoint). Safe to call twice (see webhookDeliveryInsert).
 */
export async function queueWebhookDeliveries(
  db: DbTx,
  messageIds: readonly bigint[] | readonly string[],
  now: Date,
): Promise<number> {
  if (messageIds.length === 0) return 0;
  const ids = messageIds.map(String);
  return db.$executeRaw(
    webhookDeliveryInsert(Prisma.sql`(SELECT * FROM "Message" WHERE "id" = ANY(${ids}::bigint[]))`, now),
  );
}

/**
 * Marks COMPLETED the given jobs that are sending (or queued) and have no open message left.
 * Returns the ids completed now.
 */
export async function completeFinishedJobs(db: DbTx, jobIds: readonly string[], now: Date): Promise<string[]> {
  if (jobIds.length === 0) return [];
  const rows = await rawQuery<{ id: string }>(
    db,
    Prisma.sql`
    UPDATE "SendJob" j SET "status" = 'COMPLETED', "completedAt" = ${now}::timestamp
    WHERE j."id" = ANY(${[...new Set(jobIds)]}::text[])
      AND j."status" IN ('QUEUED', 'SENDING')
      AND NOT EXISTS (
        SELECT 1 FROM "Message" m
        WHERE m."jobId" = j."id" AND m."status" IN ('PENDING', 'SUBMITTING', 'SUBMITTED', 'UNKNOWN'))
    RETURNING j."id"`,
  );
  return rows.map((r) => r.id);
}

/** Both of the above for messages just finalised, given with their jobs. */
export async function afterMessagesFinal(
  db: DbTx,
  finalised: readonly { id: bigint | string; jobId: string }[],
  now: Date,
): Promise<void> {
  if (finalised.length === 0) return;
  await queueWebhookDeliveries(
    db,
    finalised.map((m) => String(m.id)),
    now,
  );
  await completeFinishedJobs(
    db,
    finalised.map((m) => m.jobId),
    now,
  );
}
