// Jobs, messages and replies as a customer sees them: read-only, always scoped to one enterprise
// (an id of another enterprise is NOT_FOUND, never FORBIDDEN, so ids reveal nothing). The portal's
// pages, the CSV/XLSX export and the HTTP API v1 all read through here.
import { type ChinaDate, chinaDayEnd, chinaDayStart, compareChinaDates, formatChinaDate } from "../clock";
import type { DbTx } from "../db";
import { AppError } from "../errors";
import { MessageStatus, type SendJobStatus } from "../generated/prisma/enums";
import { normalizeMobile } from "../phone";
import { isFinalStatus } from "./status";
import { containsText } from "../search";
import type { JobResponse, MessageResponse } from "../api-v1/schemas";

/** Every message state, in the schema's order, which the pages and the API list them in (the rules between them: ./status.ts). */
export const MESSAGE_STATES = Object.values(MessageStatus);
/** Written final at acceptance: not part of the job's progress. */
const SKIPPED: readonly MessageStatus[] = ["OPTED_OUT", "NOT_ALLOWED"];

export type StateCounts = Record<MessageStatus, number>;

export interface JobProgress {
  /** Messages to be sent (accepted recipients). */
  total: number;
  /** Of those, the ones in a final state. */
  done: number;
  percent: number;
}

function emptyCounts(): StateCounts {
  return Object.fromEntries(MESSAGE_STATES.map((s) => [s, 0])) as StateCounts;
}

/** Progress of a job from its counts: final messages among those that were to be sent. */
export function progressOf(counts: StateCounts): JobProgress {
  let total = 0;
  let open = 0;
  for (const state of MESSAGE_STATES) {
    if (SKIPPED.includes(state)) continue;
    total += counts[state];
    if (!isFinalStatus(state)) open += counts[state];
  }
  const done = total - open;
  return { total, done, percent: total === 0 ? 100 : Math.floor((done * 100) / total) };
}

async function countsOf(db: DbTx, jobIds: string[]): Promise<Map<string, StateCounts>> {
  const result = new Map(jobIds.map((id) => [id, emptyCounts()]));
  if (jobIds.length === 0) return result;
  const groups = await db.message.groupBy({
    by: ["jobId", "status"],
    where: { jobId: { in: jobIds } },
    _count: { _all: true },
  });
  for (const g of groups) {
    const counts = result.get(g.jobId);
    if (counts) counts[g.status] = g._count._all;
  }
  return result;
}

const jobSelect = {
  id: true,
  source: true,
  clientRef: true,
  purpose: true,
  content: true,
  signature: true,
  fullText: true,
  encoding: true,
  segmentsPerMessage: true,
  status: true,
  scheduledAt: true,
  recipientCount: true,
  acceptedCount: true,
  skippedCount: true,
  reservedSegments: true,
  heldTerms: true,
  reviewNote: true,
  reviewedAt: true,
  createdAt: true,
  startedAt: true,
  completedAt: true,
  cancelledAt: true,
} as const;

export async function getCustomerJob(db: DbTx, enterpriseId: string, jobId: string) {
  const job = await db.sendJob.findFirst({ where: { id: jobId, enterpriseId }, select: jobSelect });
  if (!job) throw new AppError("NOT_FOUND");
  const counts = (await countsOf(db, [job.id])).get(job.id) ?? emptyCounts();
  return { ...job, counts, progress: progressOf(counts) };
}

export type CustomerJob = Awaited<ReturnType<typeof getCustomerJob>>;

export const JOB_SORTS = ["createdAt", "scheduledAt"] as const;

export async function listCustomerJobs(
  db: DbTx,
  enterpriseId: string,
  input: { page: number; pageSize: number; status?: SendJobStatus; search?: string },
) {
  const search = input.search?.trim();
  const where = {
    enterpriseId,
    ...(input.status ? { status: input.status } : {}),
    ...(search
      ? {
          OR: [
            { content: containsText(search, { caseSensitive: true }) },
            { clientRef: containsText(search, { caseSensitive: true }) },
            { id: search },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.sendJob.count({ where }),
    db.sendJob.findMany({
      where,
      select: jobSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
  ]);
  const counts = await countsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    total,
    rows: rows.map((r) => {
      const c = counts.get(r.id) ?? emptyCounts();
      return { ...r, counts: c, progress: progressOf(c) };
    }),
  };
}

const messageSelect = {
  id: true,
  jobId: true,
  mobile: true,
  status: true,
  segments: true,
  errorCode: true,
  submittedAt: true,
  finalAt: true,
  createdAt: true,
} as const;

function toMessageRow(m: {
  id: bigint;
  jobId: string;
  mobile: string;
  status: MessageStatus;
  segments: number;
  errorCode: string | null;
  submittedAt: Date | null;
  finalAt: Date | null;
  createdAt: Date;
}) {
  return { ...m, id: m.id.toString() };
}

export type CustomerMessage = ReturnType<typeof toMessageRow>;

export async function getCustomerMessage(db: DbTx, enterpriseId: string, messageId: string): Promise<CustomerMessage> {
  if (!/^[1-9]\d{0,18}$/.test(messageId)) throw new AppError("NOT_FOUND");
  const id = BigInt(messageId);
  if (id > 9_223_372_036_854_775_807n) throw new AppError("NOT_FOUND");
  const row = await db.message.findFirst({ where: { id, enterpriseId }, select: messageSelect });
  if (!row) throw new AppError("NOT_FOUND");
  return toMessageRow(row);
}

/** The messages of one job of the enterprise, paged, optionally of one state or number. */
export async function listJobMessages(
  db: DbTx,
  enterpriseId: string,
  input: { jobId: string; page: number; pageSize: number; status?: MessageStatus; mobile?: string },
) {
  const job = await db.sendJob.findFirst({ where: { id: input.jobId, enterpriseId }, select: { id: true } });
  if (!job) throw new AppError("NOT_FOUND");
  const mobile = input.mobile ? (normalizeMobile(input.mobile) ?? input.mobile.replace(/\D/g, "")) : undefined;
  const where = {
    jobId: job.id,
    ...(input.status ? { status: input.status } : {}),
    ...(mobile ? { mobile: { startsWith: mobile } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.message.count({ where }),
    db.message.findMany({
      where,
      select: messageSelect,
      orderBy: { id: "asc" },
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
  ]);
  return { total, rows: rows.map(toMessageRow) };
}

/** Every message of a job of the enterprise, for the export, in id order and in slices (big jobs). */
export async function* jobMessagesForExport(db: DbTx, enterpriseId: string, jobId: string, sliceSize = 5_000) {
  const job = await db.sendJob.findFirst({ where: { id: jobId, enterpriseId }, select: { id: true } });
  if (!job) throw new AppError("NOT_FOUND");
  let after = 0n;
  for (;;) {
    const rows = await db.message.findMany({
      where: { jobId: job.id, id: { gt: after } },
      select: messageSelect,
      orderBy: { id: "asc" },
      take: sliceSize,
    });
    if (rows.length === 0) return;
    yield rows.map(toMessageRow);
    after = rows[rows.length - 1]!.id;
    if (rows.length < sliceSize) return;
  }
}

/**
 * Messages of the enterprise to a number (whole or its beginning, at least 3 digits) and/or within
 * China-time dates (inclusive), newest first.
 */
export async function searchCustomerMessages(
  db: DbTx,
  enterpriseId: string,
  input: { page: number; pageSize: number; mobile?: string; from?: ChinaDate; to?: ChinaDate; status?: MessageStatus },
) {
  if (input.from && input.to && compareChinaDates(input.from, input.to) > 0)
    throw new AppError("DATE_RANGE_INVALID", { from: formatChinaDate(input.from), to: formatChinaDate(input.to) });
  const digits = input.mobile ? (normalizeMobile(input.mobile) ?? input.mobile.replace(/\D/g, "")) : "";
  const createdAt = {
    ...(input.from ? { gte: chinaDayStart(input.from) } : {}),
    ...(input.to ? { lt: chinaDayEnd(input.to) } : {}),
  };
  const where = {
    enterpriseId,
    ...(digits ? { mobile: digits.length === 11 ? digits : { startsWith: digits } } : {}),
    ...(input.from || input.to ? { createdAt } : {}),
    ...(input.status ? { status: input.status } : {}),
  };
  const [total, rows] = await Promise.all([
    db.message.count({ where }),
    db.message.findMany({
      where,
      select: { ...messageSelect, job: { select: { purpose: true, fullText: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
  ]);
  return {
    total,
    rows: rows.map(({ job, ...m }) => ({ ...toMessageRow(m), purpose: job.purpose, fullText: job.fullText })),
  };
}

/** Replies (mobile-originated messages) received for the enterprise, newest first. */
export async function listCustomerReplies(
  db: DbTx,
  enterpriseId: string,
  input: { page: number; pageSize: number; mobile?: string },
) {
  const digits = input.mobile ? (normalizeMobile(input.mobile) ?? input.mobile.replace(/\D/g, "")) : "";
  const where = { enterpriseId, ...(digits ? { fromMobile: containsText(digits, { caseSensitive: true }) } : {}) };
  const [total, rows] = await Promise.all([
    db.inboundReply.count({ where }),
    db.inboundReply.findMany({
      where,
      select: { id: true, fromMobile: true, toAddress: true, text: true, optOut: true, receivedAt: true },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
  ]);
  // The sender's name when the number is in the address book.
  const contacts = rows.length
    ? await db.contact.findMany({
        where: { enterpriseId, mobile: { in: [...new Set(rows.map((r) => r.fromMobile))] } },
        select: { mobile: true, name: true },
      })
    : [];
  const nameOf = new Map(contacts.map((c) => [c.mobile, c.name]));
  return { total, rows: rows.map((r) => ({ ...r, contactName: nameOf.get(r.fromMobile) ?? null })) };
}

/** GET /api/v1/jobs/{id} */
export function toJobResponse(job: CustomerJob): JobResponse {
  return {
    jobId: job.id,
    status: job.status,
    source: job.source,
    purpose: job.purpose,
    clientRef: job.clientRef,
    segmentsPerMessage: job.segmentsPerMessage,
    recipients: job.recipientCount,
    accepted: job.acceptedCount,
    skipped: job.skippedCount,
    counts: job.counts,
    progress: job.progress,
    scheduledAt: job.scheduledAt?.toISOString() ?? null,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    completedAt: job.completedAt?.toISOString() ?? null,
    cancelledAt: job.cancelledAt?.toISOString() ?? null,
    review:
      job.heldTerms.length > 0 || job.reviewedAt
        ? { terms: job.heldTerms, note: job.reviewNote, reviewedAt: job.reviewedAt?.toISOString() ?? null }
        : null,
  };
}

/** GET /api/v1/messages/{id} */
export function toMessageResponse(m: CustomerMessage): MessageResponse {
  return {
    messageId: m.id,
    jobId: m.jobId,
    to: m.mobile,
    status: m.status,
    segments: m.segments,
    errorCode: m.errorCode,
    createdAt: m.createdAt.toISOString(),
    submittedAt: m.submittedAt?.toISOString() ?? null,
    finalAt: m.finalAt?.toISOString() ?? null,
  };
}

/** The groups of the enterprise with their member counts, for choosing recipients. */
export async function composeGroups(db: DbTx, enterpriseId: string) {
  const groups = await db.contactGroup.findMany({
    where: { enterpriseId },
    select: { id: true, name: true, _count: { select: { members: true } } },
    orderBy: { name: "asc" },
    take: 500,
  });
  return groups.map((g) => ({ id: g.id, name: g.name, members: g._count.members }));
}

/** Contacts of the enterprise by name or number, for choosing recipients one by one. */
export async function composeContacts(db: DbTx, enterpriseId: string, search: string, take = 20) {
  const q = search.trim();
  const digits = q.replace(/\D/g, "");
  return db.contact.findMany({
    where: {
      enterpriseId,
      ...(q
        ? {
            OR: [
              { name: containsText(q, { caseSensitive: true }) },
              ...(digits ? [{ mobile: containsText(digits, { caseSensitive: true }) }] : []),
            ],
          }
        : {}),
    },
    select: { id: true, name: true, mobile: true, kind: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take,
  });
}

/** The approved signature, or the one waiting for review (to say so on the compose page). */
export async function composeSignature(db: DbTx, enterpriseId: string) {
  const [approved, pending] = await Promise.all([
    db.smsSignature.findFirst({
      where: { enterpriseId, status: "APPROVED" },
      orderBy: [{ decidedAt: "desc" }, { createdAt: "desc" }],
      select: { text: true },
    }),
    db.smsSignature.findFirst({ where: { enterpriseId, status: "PENDING" }, select: { text: true } }),
  ]);
  return { approved: approved?.text ?? null, pending: pending?.text ?? null };
}
