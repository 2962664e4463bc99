// 乙方 6: the bureau's written consent to send outside the address book. The customer admin applies
// with a reason, the numbers and the signed letter; COMPLIANCE approves a scope (all or some of the
// numbers) until the end of a China date, or refuses with a reason. Approved numbers become
// ConsentNumber rows, which classifyRecipients reads.
import { type EnterpriseActor, type Actor, recordAudit } from "../audit/log";
import { isStaffRole } from "../auth/accounts";
import { type ChinaDate, chinaDayEnd, compareChinaDates, formatChinaDate, parseChinaDate, toChinaDate } from "../clock";
import type { DbTx } from "../db";
import { AppError } from "../errors";
import type { Prisma, RequestStatus, Role } from "../generated/prisma/client";
import { normalizeMobile } from "../phone";
import {
  CONSENT_MAX_NUMBERS,
  decodeTextFile,
  isNumberListFileName,
  LETTER_MAX_BYTES,
  letterType,
  NUMBER_LIST_MAX_BYTES,
  parseNumberLists,
  safeFileName,
} from "./uploads";

/** Roles that review consents and may read the letters (a bureau admin always may). */
export const CONSENT_REVIEWER_ROLES: readonly Role[] = ["COMPLIANCE", "BUREAU_ADMIN"];
export const REASON_MAX = 1000;

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface ConsentApplication {
  reason: string;
  /** Pasted numbers, one per line. */
  numbersText: string;
  /** An optional .txt/.csv list, one number per line. */
  listFile?: UploadedFile | null;
  letter: UploadedFile;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Checks every part before anything is stored; the numbers must all be valid (the letter covers exactly what was asked). */
export async function applyForConsent(db: DbTx, actor: EnterpriseActor, input: ConsentApplication, now: Date) {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("REASON_REQUIRED");
  if (reason.length > REASON_MAX) throw new AppError("INVALID_REQUEST", { detail: `reason > ${REASON_MAX}` });

  if (input.letter.bytes.length > LETTER_MAX_BYTES)
    throw new AppError("CONSENT_LETTER_TOO_LARGE", { maxMb: mb(LETTER_MAX_BYTES) });
  const mimeType = letterType(input.letter.name, input.letter.bytes);
  if (!mimeType) throw new AppError("CONSENT_LETTER_INVALID");

  const lists: { text: string; source: "pasted" | "file" }[] = [{ text: input.numbersText, source: "pasted" }];
  const list = input.listFile;
  if (list && (list.bytes.length > 0 || list.name)) {
    if (!isNumberListFileName(list.name) || list.bytes.length > NUMBER_LIST_MAX_BYTES) {
      throw new AppError("NUMBER_LIST_INVALID", { maxMb: mb(NUMBER_LIST_MAX_BYTES) });
    }
    lists.push({ text: decodeTextFile(list.bytes), source: "file" });
  }
  const parsed = parseNumberLists(lists);
  if (parsed.invalid.length > 0) {
    const sample = parsed.invalid
      .slice(0, 5)
      .map((p) => `"${p.value}"`)
      .join(", ");
    throw new AppError("CONSENT_NUMBERS_INVALID", {
      count: parsed.invalid.length,
      sample: parsed.invalid.length > 5 ? `${sample} …` : sample,
    });
  }
  if (parsed.mobiles.length === 0) throw new AppError("CONSENT_NUMBERS_EMPTY");
  if (parsed.mobiles.length > CONSENT_MAX_NUMBERS)
    throw new AppError("CONSENT_TOO_MANY_NUMBERS", { max: CONSENT_MAX_NUMBERS });

  const letterFileName = safeFileName(
    input.letter.name,
    mimeType === "application/pdf" ? "letter.pdf" : mimeType === "image/png" ? "letter.png" : "letter.jpg",
  );
  const row = await db.recipientConsent.create({
    data: {
      enterpriseId: actor.enterpriseId,
      reason,
      requestedNumbers: parsed.mobiles,
      letterFileName,
      letterMimeType: mimeType,
      letterBytes: Buffer.from(input.letter.bytes),
      createdById: actor.userId,
      createdAt: now,
    },
    select: { id: true },
  });
  await recordAudit(
    db,
    actor,
    {
      action: "compliance.consent.applied",
      entityType: "RecipientConsent",
      entityId: row.id,
      enterpriseId: actor.enterpriseId,
      detail: {
        numbers: parsed.mobiles.length,
        duplicates: parsed.duplicates,
        letter: { name: letterFileName, type: mimeType, bytes: input.letter.bytes.length },
        listFile: list?.name || null,
      },
    },
    now,
  );
  return { id: row.id, numbers: parsed.mobiles.length, duplicates: parsed.duplicates };
}

export interface ConsentApproval {
  /** The approved scope: null for every requested number, else a subset of them (any notation normalizeMobile accepts). */
  numbers: string[] | null;
  /** The last China date of validity, "YYYY-MM-DD": valid until 24:00 of it. */
  validUntilDate: string;
  note?: string | null;
}

function inTransaction<T>(db: DbTx, work: (tx: DbTx) => Promise<T>): Promise<T> {
  return "$transaction" in db ? db.$transaction((tx) => work(tx)) : work(db);
}

/** The PENDING application, locked for the decision; REQUEST_NOT_PENDING when it was decided first. */
async function lockPending(tx: DbTx, id: string, enterpriseId?: string) {
  const rows = await tx.$queryRaw<{ id: string; enterpriseId: string; status: RequestStatus }[]>`
    SELECT id, "enterpriseId", status FROM "RecipientConsent" WHERE id = ${id} FOR UPDATE`;
  const row = rows[0];
  if (!row || (enterpriseId !== undefined && row.enterpriseId !== enterpriseId)) throw new AppError("NOT_FOUND");
  if (row.status !== "PENDING") throw new AppError("REQUEST_NOT_PENDING");
  return row;
}

function expiryDate(text: string, now: Date): ChinaDate {
  const today = toChinaDate(now);
  let date: ChinaDate;
  try {
    date = parseChinaDate(text.trim());
  } catch {
    throw new AppError("CONSENT_EXPIRY_INVALID", { today: formatChinaDate(today) });
  }
  if (compareChinaDates(date, today) < 0)
    throw new AppError("CONSENT_EXPIRY_INVALID", { today: formatChinaDate(today) });
  return date;
}

/** COMPLIANCE approves: the scope's numbers may receive until 24:00 (China time) of the expiry date. */
export async function approveConsent(db: DbTx, actor: Actor, id: string, approval: ConsentApproval, now: Date) {
  const date = expiryDate(approval.validUntilDate, now);
  const validUntil = chinaDayEnd(date);
  const note = approval.note?.trim().slice(0, REASON_MAX) || null;
  return inTransaction(db, async (tx) => {
    const pending = await lockPending(tx, id);
    const { requestedNumbers } = await tx.recipientConsent.findUniqueOrThrow({
      where: { id },
      select: { requestedNumbers: true },
    });
    let scope: string[];
    if (approval.numbers === null) {
      scope = requestedNumbers;
    } else {
      const requested = new Set(requestedNumbers);
      const chosen = new Set<string>();
      const outside: string[] = [];
      for (const raw of approval.numbers) {
        if (!raw.trim()) continue;
        const mobile = normalizeMobile(raw);
        if (mobile && requested.has(mobile)) chosen.add(mobile);
        else outside.push(raw.trim().slice(0, 20));
      }
      if (outside.length > 0 || chosen.size === 0) {
        throw new AppError("CONSENT_SCOPE_INVALID", { sample: outside.slice(0, 5).join(", ") || "—" });
      }
      scope = [...chosen];
    }
    await tx.recipientConsent.update({
      where: { id },
      data: { status: "APPROVED", validUntil, decisionNote: note, decidedById: actor.userId, decidedAt: now },
    });
    // Set-based: an approval may cover up to CONSENT_MAX_NUMBERS numbers.
    await tx.$executeRaw`
      INSERT INTO "ConsentNumber" ("consentId", "enterpriseId", mobile, "validUntil")
      SELECT ${id}, ${pending.enterpriseId}, m, ${validUntil} FROM unnest(${scope}::text[]) AS m
      ON CONFLICT DO NOTHING`;
    await recordAudit(
      tx,
      actor,
      {
        action: "compliance.consent.approved",
        entityType: "RecipientConsent",
        entityId: id,
        enterpriseId: pending.enterpriseId,
        detail: {
          scope: approval.numbers === null ? "all" : "subset",
          approved: scope.length,
          requested: requestedNumbers.length,
          validUntilDate: formatChinaDate(date),
          validUntil: validUntil.toISOString(),
          note,
        },
      },
      now,
    );
    return { approved: scope.length, validUntil };
  });
}

export async function rejectConsent(db: DbTx, actor: Actor, id: string, reason: string, now: Date): Promise<void> {
  const note = reason.trim().slice(0, REASON_MAX);
  if (!note) throw new AppError("REASON_REQUIRED");
  await inTransaction(db, async (tx) => {
    const pending = await lockPending(tx, id);
    await tx.recipientConsent.update({
      where: { id },
      data: { status: "REJECTED", decisionNote: note, decidedById: actor.userId, decidedAt: now },
    });
    await recordAudit(
      tx,
      actor,
      {
        action: "compliance.consent.rejected",
        entityType: "RecipientConsent",
        entityId: id,
        enterpriseId: pending.enterpriseId,
        detail: { reason: note },
      },
      now,
    );
  });
}

export async function withdrawConsent(db: DbTx, actor: EnterpriseActor, id: string, now: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    await lockPending(tx, id, actor.enterpriseId);
    await tx.recipientConsent.update({
      where: { id },
      data: { status: "WITHDRAWN", decidedById: actor.userId, decidedAt: now },
    });
    await recordAudit(
      tx,
      actor,
      {
        action: "compliance.consent.withdrawn",
        entityType: "RecipientConsent",
        entityId: id,
        enterpriseId: actor.enterpriseId,
      },
      now,
    );
  });
}

/** What lists and detail pages show of an application: never the letter's bytes, the numbers only counted. */
const SUMMARY = {
  id: true,
  enterpriseId: true,
  reason: true,
  status: true,
  validUntil: true,
  decisionNote: true,
  decidedAt: true,
  createdAt: true,
  letterFileName: true,
  letterMimeType: true,
} satisfies Prisma.RecipientConsentSelect;

async function numberCounts(db: DbTx, ids: string[]) {
  if (ids.length === 0) return new Map<string, { requested: number; approved: number }>();
  const rows = await db.$queryRaw<{ id: string; requested: number; approved: number }[]>`
    SELECT c.id, cardinality(c."requestedNumbers")::int AS requested,
           (SELECT count(*)::int FROM "ConsentNumber" n WHERE n."consentId" = c.id) AS approved
    FROM "RecipientConsent" c WHERE c.id = ANY(${ids}::text[])`;
  return new Map(rows.map((r) => [r.id, { requested: r.requested, approved: r.approved }]));
}

export interface ConsentQuery {
  page: number;
  pageSize: number;
  status?: RequestStatus;
  /** Set for the customer's own list; staff may filter by it. */
  enterpriseId?: string;
}

/** The customer's applications (newest first), or COMPLIANCE's queue (pending: oldest first). */
export async function listConsents(db: DbTx, query: ConsentQuery) {
  const where: Prisma.RecipientConsentWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.enterpriseId ? { enterpriseId: query.enterpriseId } : {}),
  };
  const [total, rows] = await Promise.all([
    db.recipientConsent.count({ where }),
    db.recipientConsent.findMany({
      where,
      select: SUMMARY,
      orderBy: [{ createdAt: query.status === "PENDING" ? "asc" : "desc" }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  const ids = rows.map((r) => r.id);
  const [counts, enterprises] = await Promise.all([
    numberCounts(db, ids),
    db.enterprise.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.enterpriseId))] } },
      select: { id: true, name: true },
    }),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      ...r,
      enterprise: enterprises.find((e) => e.id === r.enterpriseId) ?? { id: r.enterpriseId, name: "—" },
      requestedCount: counts.get(r.id)?.requested ?? 0,
      approvedCount: counts.get(r.id)?.approved ?? 0,
    })),
  };
}

/** How many numbers the detail page lists; the counts are always complete. */
export const CONSENT_NUMBERS_SHOWN = 1000;

/** One application; another enterprise's is NOT_FOUND when enterpriseId is given (the customer's view). */
export async function getConsent(db: DbTx, id: string, enterpriseId?: string) {
  const row = await db.recipientConsent.findFirst({
    where: { id, ...(enterpriseId ? { enterpriseId } : {}) },
    select: { ...SUMMARY, createdById: true, decidedById: true },
  });
  if (!row) throw new AppError("NOT_FOUND");
  const [numbers] = await db.$queryRaw<{ requested: string[]; requestedCount: number; letterBytes: number }[]>`
    SELECT "requestedNumbers"[1:${CONSENT_NUMBERS_SHOWN}] AS requested, cardinality("requestedNumbers")::int AS "requestedCount",
           octet_length("letterBytes")::int AS "letterBytes"
    FROM "RecipientConsent" WHERE id = ${id}`;
  const [approved, approvedCount, enterprise, people] = await Promise.all([
    db.consentNumber.findMany({
      where: { consentId: id },
      select: { mobile: true },
      orderBy: { mobile: "asc" },
      take: CONSENT_NUMBERS_SHOWN,
    }),
    db.consentNumber.count({ where: { consentId: id } }),
    db.enterprise.findUniqueOrThrow({ where: { id: row.enterpriseId }, select: { id: true, name: true } }),
    db.user.findMany({
      where: { id: { in: [row.createdById, row.decidedById].filter((v): v is string => v !== null) } },
      select: { id: true, name: true, email: true },
    }),
  ]);
  const person = (userId: string | null) => people.find((p) => p.id === userId) ?? null;
  const { createdById, decidedById, ...summary } = row;
  return {
    ...summary,
    enterprise,
    createdBy: person(createdById),
    decidedBy: person(decidedById),
    requestedNumbers: numbers?.requested ?? [],
    requestedCount: numbers?.requestedCount ?? 0,
    approvedNumbers: approved.map((a) => a.mobile),
    approvedCount,
    letterSize: numbers?.letterBytes ?? 0,
  };
}

export interface LetterViewer extends Actor {
  role: Role;
  enterpriseId: string | null;
}

/**
 * The signed letter, for the enterprise that applied or for a consent reviewer. Anyone else gets
 * NOT_FOUND (no existence leak). A staff read is audited (甲方 3: staff reading customer documents).
 */
export async function consentLetter(db: DbTx, viewer: LetterViewer, id: string, now: Date) {
  const staff = isStaffRole(viewer.role);
  if (staff && !CONSENT_REVIEWER_ROLES.includes(viewer.role)) throw new AppError("FORBIDDEN");
  const row = await db.recipientConsent.findFirst({
    where: { id, ...(staff ? {} : { enterpriseId: viewer.enterpriseId ?? "-" }) },
    select: { id: true, enterpriseId: true, letterFileName: true, letterMimeType: true, letterBytes: true },
  });
  if (!row) throw new AppError("NOT_FOUND");
  if (staff) {
    await recordAudit(
      db,
      viewer,
      {
        action: "compliance.consent.letter.viewed",
        entityType: "RecipientConsent",
        entityId: id,
        enterpriseId: row.enterpriseId,
        detail: { fileName: row.letterFileName },
      },
      now,
    );
  }
  return { fileName: row.letterFileName, mimeType: row.letterMimeType, bytes: Buffer.from(row.letterBytes) };
}
