// 乙方 3: the lexicon the bureau maintains, and content screening against it.
// BLOCK terms reject a send; REVIEW terms hold the job for COMPLIANCE (the held-job queue is sending's).
import { type Actor, recordAudit } from "../audit/log";
import type { DbTx } from "../db";
import { AppError } from "../errors";
import { type LexiconAction, Prisma } from "../generated/prisma/client";
import {
  type PreparedLexicon,
  prepareLexicon,
  type ScreeningResult,
  screenAgainst,
  screeningForm,
  tidyTerm,
} from "./text";
import { containsText } from "../search";

export const LEXICON_TERM_MAX = 50;

/**
 * The lexicon, read at most every few seconds per process. Changes made through this module
 * invalidate it at once; another process (the worker, a second web instance) sees a change within
 * CACHE_TTL_MS.
 */
const CACHE_TTL_MS = 3_000;
let cache: { loadedAt: number; lexicon: PreparedLexicon } | null = null;

export function invalidateLexiconCache(): void {
  cache = null;
}

async function loadLexicon(db: DbTx): Promise<PreparedLexicon> {
  const clock = Date.now();
  if (cache && clock - cache.loadedAt < CACHE_TTL_MS) return cache.lexicon;
  const rows = await db.lexiconTerm.findMany({
    select: { term: true, action: true },
    orderBy: [{ action: "asc" }, { term: "asc" }],
  });
  const lexicon = prepareLexicon(rows);
  cache = { loadedAt: clock, lexicon };
  return lexicon;
}

/**
 * Screens message content against the lexicon (see screeningForm in ./text for the normalisation:
 * NFKC, lower case, everything but letters/digits removed, then substring match). Returns the
 * verdict and the matching terms as the bureau wrote them.
 */
export async function screenContent(
  db: DbTx,
  text: string,
): Promise<{ verdict: "OK" | "BLOCK" | "REVIEW"; blockTerms: string[]; reviewTerms: string[] }> {
  const result: ScreeningResult = screenAgainst(await loadLexicon(db), text);
  return result;
}

export interface LexiconTermInput {
  term: string;
  action: LexiconAction;
  note?: string | null;
}

function checkedTerm(raw: string): { term: string; form: string } {
  const term = tidyTerm(raw);
  const form = screeningForm(term);
  if (!form || term.length > LEXICON_TERM_MAX) throw new AppError("LEXICON_TERM_INVALID");
  return { term, form };
}

const tidyNote = (note: string | null | undefined) => note?.trim().slice(0, 500) || null;

/** Two terms with the same screening form ("发票" and "发 票") are one term: the second is LEXICON_TERM_TAKEN. */
async function assertTermFree(db: DbTx, form: string, term: string, exceptId?: string): Promise<void> {
  const rows = await db.lexiconTerm.findMany({ select: { id: true, term: true } });
  const clash = rows.find((r) => r.id !== exceptId && screeningForm(r.term) === form);
  if (clash) throw new AppError("LEXICON_TERM_TAKEN", { term: clash.term === term ? term : `${term} = ${clash.term}` });
}

function inTransaction<T>(db: DbTx, work: (tx: DbTx) => Promise<T>): Promise<T> {
  return "$transaction" in db ? db.$transaction((tx) => work(tx)) : work(db);
}

/** Serialises lexicon writes, so the same-form check cannot race with another writer. */
async function lockLexicon(tx: DbTx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('compliance.lexicon'))`;
}

function takenOnUnique(error: unknown, term: string): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
    throw new AppError("LEXICON_TERM_TAKEN", { term });
  throw error;
}

export async function createLexiconTerm(db: DbTx, actor: Actor, input: LexiconTermInput, now: Date) {
  const { term, form } = checkedTerm(input.term);
  try {
    const created = await inTransaction(db, async (tx) => {
      await lockLexicon(tx);
      await assertTermFree(tx, form, term);
      const row = await tx.lexiconTerm.create({
        data: { term, action: input.action, note: tidyNote(input.note), createdById: actor.userId, createdAt: now },
      });
      await recordAudit(
        tx,
        actor,
        {
          action: "compliance.lexicon.created",
          entityType: "LexiconTerm",
          entityId: row.id,
          detail: { term, action: row.action, note: row.note },
        },
        now,
      );
      return row;
    });
    invalidateLexiconCache();
    return created;
  } catch (error) {
    return takenOnUnique(error, term);
  }
}

export async function updateLexiconTerm(db: DbTx, actor: Actor, id: string, input: LexiconTermInput, now: Date) {
  const { term, form } = checkedTerm(input.term);
  try {
    const updated = await inTransaction(db, async (tx) => {
      await lockLexicon(tx);
      const before = await tx.lexiconTerm.findUnique({ where: { id } });
      if (!before) throw new AppError("NOT_FOUND");
      await assertTermFree(tx, form, term, id);
      const after = await tx.lexiconTerm.update({
        where: { id },
        data: { term, action: input.action, note: tidyNote(input.note) },
      });
      const changes = Object.fromEntries(
        (["term", "action", "note"] as const)
          .filter((k) => before[k] !== after[k])
          .map((k) => [k, { from: before[k], to: after[k] }]),
      );
      await recordAudit(
        tx,
        actor,
        { action: "compliance.lexicon.updated", entityType: "LexiconTerm", entityId: id, detail: changes },
        now,
      );
      return after;
    });
    invalidateLexiconCache();
    return updated;
  } catch (error) {
    return takenOnUnique(error, term);
  }
}

export async function deleteLexiconTerm(db: DbTx, actor: Actor, id: string, now: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await tx.lexiconTerm.findUnique({ where: { id } });
    if (!row) throw new AppError("NOT_FOUND");
    await tx.lexiconTerm.delete({ where: { id } });
    await recordAudit(
      tx,
      actor,
      {
        action: "compliance.lexicon.deleted",
        entityType: "LexiconTerm",
        entityId: id,
        detail: { term: row.term, action: row.action, note: row.note },
      },
      now,
    );
  });
  invalidateLexiconCache();
}

export interface LexiconQuery {
  page: number;
  pageSize: number;
  search?: string;
  action?: LexiconAction;
}

export async function listLexicon(db: DbTx, query: LexiconQuery) {
  const where: Prisma.LexiconTermWhereInput = {
    ...(query.action ? { action: query.action } : {}),
    ...(query.search ? { OR: [{ term: containsText(query.search) }, { note: containsText(query.search) }] } : {}),
  };
  const [total, rows, counts] = await Promise.all([
    db.lexiconTerm.count({ where }),
    db.lexiconTerm.findMany({
      where,
      orderBy: [{ action: "asc" }, { term: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.lexiconTerm.groupBy({ by: ["action"], _count: { _all: true } }),
  ]);
  const count = (action: LexiconAction) => counts.find((c) => c.action === action)?._count._all ?? 0;
  return { total, rows, totals: { BLOCK: count("BLOCK"), REVIEW: count("REVIEW") } };
}
