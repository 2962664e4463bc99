// Replies from recipients (mobile-originated SMS) and 退订: a reply with an opt-out keyword puts the
// number on the opt-out list of the enterprise whose message it answers.
import { type Actor, recordAudit, SYSTEM_ACTOR } from "../audit/log";
import type { DbTx } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { normalizeMobile } from "../phone";
import { matchOptOutKeyword, OPT_OUT_KEYWORD_LIMITS, tidyOptOutKeywords } from "./text";
import { containsText } from "../search";

/** A reply answers the enterprise that most recently sent to that number within this many days. */
export const REPLY_ATTRIBUTION_DAYS = 90;
/**
 * The SMSC redelivers a deliver_sm whose response it did not get; the same sender, destination and
 * text within this window is taken as the same reply.
 */
export const REPLY_REDELIVERY_WINDOW_MS = 10 * 60 * 1000;
const REPLY_TEXT_MAX = 2000;
/** Message states that never left the platform: they are not a message the recipient could answer. */
const NEVER_SENT = ["NOT_ALLOWED", "OPTED_OUT", "CANCELLED"];

function inTransaction<T>(db: DbTx, work: (tx: DbTx) => Promise<T>): Promise<T> {
  return "$transaction" in db ? db.$transaction((tx) => work(tx)) : work(db);
}

/**
 * The enterprise that most recently sent a message to the number in the last 90 days, or null.
 * Probes Message's (enterpriseId, mobile, createdAt) index once per enterprise rather than
 * scanning messages by number.
 */
async function attributeReply(db: DbTx, mobile: string, now: Date): Promise<string | null> {
  const since = new Date(now.getTime() - REPLY_ATTRIBUTION_DAYS * 24 * 60 * 60 * 1000);
  const rows = await db.$queryRaw<{ enterpriseId: string }[]>`
    SELECT m."enterpriseId"
    FROM "Enterprise" e
    CROSS JOIN LATERAL (
      SELECT msg."enterpriseId", msg."createdAt", msg.id FROM "Message" msg
      WHERE msg."enterpriseId" = e.id AND msg.mobile = ${mobile}
        AND msg."createdAt" >= ${since} AND msg."createdAt" <= ${now}
        AND msg.status::text <> ALL(${NEVER_SENT}::text[])
      ORDER BY msg."createdAt" DESC, msg.id DESC LIMIT 1
    ) m
    ORDER BY m."createdAt" DESC, m.id DESC
    LIMIT 1`;
  return rows[0]?.enterpriseId ?? null;
}

export async function optOutKeywords(db: DbTx): Promise<string[]> {
  const config = await db.bureauConfig.findUnique({ where: { id: 1 }, select: { optOutKeywords: true } });
  if (!config) throw new AppError("NOT_FOUND", {}, "bureau configuration missing: run npm run db:seed");
  return config.optOutKeywords;
}

/**
 * Stores a reply and applies 退订. The reply is attributed to the enterprise that most recently
 * sent a message to the sender (last 90 days; null when none). When its text is an opt-out keyword
 * (see matchOptOutKeyword: the whole reply, or the keyword followed by a space or punctuation) and
 * it is attributed, the number goes on that enterprise's opt-out list with the keyword and the
 * reply that caused it; a number already on the list keeps its original entry. Redelivery: the
 * same from/to/text within REPLY_REDELIVERY_WINDOW_MS returns the first reply and changes nothing.
 */
export async function recordInboundReply(
  db: DbTx,
  reply: { from: string; to: string; text: string },
  now: Date,
): Promise<{ replyId: string; enterpriseId: string | null; optedOut: boolean }> {
  const fromMobile = normalizeMobile(reply.from) ?? reply.from.trim().slice(0, 32);
  const toAddress = reply.to.trim().slice(0, 32);
  const text = reply.text.slice(0, REPLY_TEXT_MAX);
  return inTransaction(db, async (tx) => {
    // Two deliveries of the same reply racing each other: the second waits and then finds the first.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`reply:${fromMobile}:${toAddress}:${text}`}))`;
    const earlier = await tx.inboundReply.findFirst({
      where: {
        fromMobile,
        toAddress,
        text,
        receivedAt: {
          gte: new Date(now.getTime() - REPLY_REDELIVERY_WINDOW_MS),
          lte: new Date(now.getTime() + REPLY_REDELIVERY_WINDOW_MS),
        },
      },
      orderBy: { receivedAt: "desc" },
    });
    if (earlier) return { replyId: earlier.id, enterpriseId: earlier.enterpriseId, optedOut: earlier.optOut };

    const enterpriseId = normalizeMobile(fromMobile) ? await attributeReply(tx, fromMobile, now) : null;
    const keyword = enterpriseId ? matchOptOutKeyword(text, await optOutKeywords(tx)) : null;
    const stored = await tx.inboundReply.create({
      data: { enterpriseId, fromMobile, toAddress, text, optOut: keyword !== null, receivedAt: now },
      select: { id: true },
    });
    if (enterpriseId && keyword) {
      // A number already on the list keeps the entry (and the reply) that put it there.
      const inserted = await tx.optOut.createManyAndReturn({
        data: [{ enterpriseId, mobile: fromMobile, keyword, replyText: text, replyId: stored.id, createdAt: now }],
        skipDuplicates: true,
        select: { id: true },
      });
      const optOut = inserted[0];
      if (optOut) {
        await recordAudit(
          tx,
          SYSTEM_ACTOR,
          {
            action: "compliance.optout.recorded",
            entityType: "OptOut",
            entityId: optOut.id,
            enterpriseId,
            detail: { mobile: fromMobile, keyword, replyId: stored.id },
          },
          now,
        );
      }
    }
    return { replyId: stored.id, enterpriseId, optedOut: keyword !== null };
  });
}

export interface OptOutQuery {
  page: number;
  pageSize: number;
  /** Part of the number, or of the keyword/reply text. */
  search?: string;
}

/** One enterprise's opt-out list, newest first. */
export async function listOptOuts(db: DbTx, enterpriseId: string, query: OptOutQuery) {
  const search = query.search?.trim();
  const digits = search?.replace(/\D/g, "");
  const where: Prisma.OptOutWhereInput = {
    enterpriseId,
    ...(search
      ? {
          OR: [
            ...(digits
              ? [
                  {
                    mobile: containsText(digits.length > 11 ? (normalizeMobile(search) ?? digits) : digits, {
                      caseSensitive: true,
                    }),
                  },
                ]
              : []),
            { keyword: containsText(search) },
            { replyText: containsText(search) },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.optOut.count({ where }),
    db.optOut.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      mobile: r.mobile,
      keyword: r.keyword,
      replyText: r.replyText,
      replyId: r.replyId,
      createdAt: r.createdAt,
    })),
  };
}

/** Staff reading an enterprise's opt-out list read recipients' replies: audited (甲方 3). */
export async function listOptOutsForStaff(db: DbTx, actor: Actor, enterpriseId: string, query: OptOutQuery, now: Date) {
  const result = await listOptOuts(db, enterpriseId, query);
  await recordAudit(
    db,
    actor,
    {
      action: "compliance.optouts.viewed",
      entityType: "OptOut",
      enterpriseId,
      detail: { page: query.page, search: query.search ?? null },
    },
    now,
  );
  return result;
}

/**
 * Takes a number off an enterprise's opt-out list. Customers cannot (opting out is the
 * recipient's decision); COMPLIANCE does it, with the reason, when the recipient asks the bureau
 * to receive that enterprise's messages again. The removed entry stays in the audit log.
 */
export async function removeOptOut(db: DbTx, actor: Actor, id: string, reason: string, now: Date): Promise<void> {
  const note = reason.trim().slice(0, 1000);
  if (!note) throw new AppError("REASON_REQUIRED");
  const row = await db.optOut.findUnique({ where: { id } });
  if (!row) throw new AppError("NOT_FOUND");
  const removed = await db.optOut.deleteMany({ where: { id } });
  if (removed.count !== 1) throw new AppError("NOT_FOUND");
  await recordAudit(
    db,
    actor,
    {
      action: "compliance.optout.removed",
      entityType: "OptOut",
      entityId: id,
      enterpriseId: row.enterpriseId,
      detail: {
        mobile: row.mobile,
        keyword: row.keyword,
        replyText: row.replyText,
        optedOutAt: row.createdAt.toISOString(),
        reason: note,
      },
    },
    now,
  );
}

/** Replaces the opt-out keywords (one per entry; tidied as tidyOptOutKeywords says). */
export async function updateOptOutKeywords(db: DbTx, actor: Actor, input: string[], now: Date): Promise<string[]> {
  const { keywords, problems } = tidyOptOutKeywords(input);
  if (problems.length > 0) throw new AppError("OPT_OUT_KEYWORDS_INVALID", { detail: problems.slice(0, 5).join(", ") });
  if (keywords.length === 0) throw new AppError("OPT_OUT_KEYWORDS_INVALID", { detail: "—" });
  if (keywords.length > OPT_OUT_KEYWORD_LIMITS.maxKeywords)
    throw new AppError("OPT_OUT_KEYWORDS_INVALID", { detail: `> ${OPT_OUT_KEYWORD_LIMITS.maxKeywords}` });
  const before = await optOutKeywords(db);
  await db.bureauConfig.update({ where: { id: 1 }, data: { optOutKeywords: keywords } });
  await recordAudit(
    db,
    actor,
    {
      action: "compliance.optout.keywords.updated",
      entityType: "BureauConfig",
      entityId: "1",
      detail: { from: before, to: keywords },
    },
    now,
  );
  return keywords;
}
