// Importing contacts from CSV/XLSX in two steps. Upload: the file is read, every row checked and the
// valid rows stored on a ContactImport (PREVIEWED) with the per-row problems, so the customer sees
// what will happen before anything changes. Confirm: the rows are written in batches of 10,000, a few
// set-based statements each, and processedRows advances after every batch so the page can show
// progress.
//
// Rows whose number is already in the address book (ALREADY_IN_BOOK) UPDATE that contact rather
// than being skipped: the file is the newer word on the people it lists. Name and kind are taken
// from the file, the note too when the file has one, tags are merged (existing first) and the
// contact joins the file's groups without leaving others. Invalid rows and later rows repeating a
// number (DUPLICATE_IN_FILE) are not imported.
//
// The counters on ContactImport: totalRows = data rows in the file; invalidRows = rows with an
// error other than DUPLICATE_IN_FILE; duplicateRows = DUPLICATE_IN_FILE rows; the rest are the valid
// rows, of which processedRows have been written, importedRows of them as new contacts (the others
// updated existing ones).
//
// A run is resumable: each batch takes a transaction-scoped advisory lock on the import and
// continues from the stored processedRows, so an interrupted run (a closed tab, a restarted server)
// is finished by confirming again, and two concurrent runs never write a batch twice.
import { type EnterpriseActor, recordAudit } from "../audit/log";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { type ImportStatus, Prisma } from "../generated/prisma/client";
import { readSheet } from "./import-file";
import { checkRows, type ImportRow, type RowProblem } from "./import-rows";
import type { ContactKindCode } from "./rules";

export const IMPORT_BATCH_SIZE = 10_000;
/** Error rows kept for the preview (the counters stay exact beyond them). */
export const STORED_PROBLEMS = 1_000;
/** ALREADY_IN_BOOK notes kept for the preview. */
export const STORED_NOTES = 100;
export const PREVIEW_SAMPLE = 20;

export interface ImportUpload {
  fileName: string;
  data: Uint8Array;
  defaultKind: ContactKindCode;
  /** Every imported contact joins this group too (created if needed). */
  groupName?: string | null;
}

const importSelect = {
  id: true,
  fileName: true,
  status: true,
  groupName: true,
  totalRows: true,
  processedRows: true,
  importedRows: true,
  duplicateRows: true,
  invalidRows: true,
  problems: true,
  createdAt: true,
  finishedAt: true,
} as const satisfies Prisma.ContactImportSelect;

type ImportRecord = Prisma.ContactImportGetPayload<{ select: typeof importSelect }>;

export interface ImportView {
  id: string;
  fileName: string;
  status: ImportStatus;
  groupName: string | null;
  totalRows: number;
  validRows: number;
  invalidRows: number;
  duplicateRows: number;
  processedRows: number;
  /** New contacts written; processedRows − importedRows updated existing ones. */
  importedRows: number;
  updatedRows: number;
  /** While PREVIEWED: how many valid rows match a contact already in the book now. */
  alreadyInBook: number | null;
  problems: RowProblem[];
  /** While PREVIEWED: the first rows to be imported. */
  sample: ImportRow[];
  createdAt: Date;
  finishedAt: Date | null;
}

const validRowsOf = (r: { totalRows: number; invalidRows: number; duplicateRows: number }) =>
  r.totalRows - r.invalidRows - r.duplicateRows;

function importView(r: ImportRecord, extra: { alreadyInBook: number | null; sample: ImportRow[] }): ImportView {
  return {
    id: r.id,
    fileName: r.fileName,
    status: r.status,
    groupName: r.groupName,
    totalRows: r.totalRows,
    validRows: validRowsOf(r),
    invalidRows: r.invalidRows,
    duplicateRows: r.duplicateRows,
    processedRows: r.processedRows,
    importedRows: r.importedRows,
    updatedRows: r.processedRows - r.importedRows,
    // Written by previewImport only, in this shape.
    problems: (r.problems ?? []) as unknown as RowProblem[],
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    ...extra,
  };
}

/** Reads and checks the file and stores the preview; nothing in the address book changes yet. */
export async function previewImport(
  db: Db,
  actor: EnterpriseActor,
  upload: ImportUpload,
  now: Date,
): Promise<{ id: string }> {
  const sheet = await readSheet(upload.fileName, upload.data);
  const groupName = upload.groupName?.trim() || null;
  const checked = checkRows(sheet, { defaultKind: upload.defaultKind, groupName });
  const existing = await existingMobiles(
    db,
    actor.enterpriseId,
    checked.valid.map((r) => r.mobile),
  );
  const notes: RowProblem[] = [];
  for (const row of checked.valid) {
    if (notes.length >= STORED_NOTES) break;
    if (existing.has(row.mobile))
      notes.push({ row: row.row, problem: "ALREADY_IN_BOOK", name: row.name, mobile: row.mobile });
  }
  const problems = [...checked.problems.slice(0, STORED_PROBLEMS), ...notes].sort((a, b) => a.row - b.row);
  const fileName = upload.fileName.slice(0, 200);
  const created = await db.$transaction(
    async (tx) => {
      const record = await tx.contactImport.create({
        data: {
          enterpriseId: actor.enterpriseId,
          createdById: actor.userId,
          fileName,
          status: "PREVIEWED",
          groupName,
          totalRows: checked.totalRows,
          invalidRows: checked.invalidRows,
          duplicateRows: checked.duplicateRows,
          problems: problems as unknown as Prisma.InputJsonArray,
          createdAt: now,
        },
        select: { id: true },
      });
      // One text parameter cast in PostgreSQL: handing 100,000 rows to Prisma as a Json value takes
      // half a minute, this takes well under a second.
      await tx.$executeRaw`UPDATE "ContactImport" SET rows = ${JSON.stringify(checked.valid)}::jsonb WHERE id = ${record.id}`;
      await recordAudit(
        tx,
        actor,
        {
          action: "addressbook.import.uploaded",
          entityType: "ContactImport",
          entityId: record.id,
          enterpriseId: actor.enterpriseId,
          detail: {
            fileName,
            totalRows: checked.totalRows,
            validRows: checked.valid.length,
            invalidRows: checked.invalidRows,
            duplicateRows: checked.duplicateRows,
          },
        },
        now,
      );
      return record;
    },
    { timeout: 30_000 },
  );
  return created;
}

async function existingMobiles(db: DbTx, enterpriseId: string, mobiles: string[]): Promise<Set<string>> {
  if (mobiles.length === 0) return new Set();
  const rows = await db.$queryRaw<{ mobile: string }[]>`
    SELECT mobile FROM "Contact" WHERE "enterpriseId" = ${enterpriseId} AND mobile = ANY(${mobiles}::text[])`;
  return new Set(rows.map((r) => r.mobile));
}

/** The import with its counters and problems; NOT_FOUND for other enterprises' imports. */
export async function getImport(db: DbTx, enterpriseId: string, importId: string): Promise<ImportView> {
  const record = await db.contactImport.findFirst({ where: { id: importId, enterpriseId }, select: importSelect });
  if (!record) throw new AppError("NOT_FOUND");
  if (record.status !== "PREVIEWED") return importView(record, { alreadyInBook: null, sample: [] });
  // Read inside PostgreSQL: the stored rows of a large file never travel to answer a preview.
  const [preview] = await db.$queryRaw<{ sample: ImportRow[] | null; alreadyInBook: number }[]>`
    SELECT jsonb_path_query_array(i.rows, ${`$[0 to ${PREVIEW_SAMPLE - 1}]`}::jsonpath) AS sample,
      (SELECT count(*)::int FROM "Contact" c
        WHERE c."enterpriseId" = i."enterpriseId" AND c.mobile IN (SELECT r->>'mobile' FROM jsonb_array_elements(i.rows) r)) AS "alreadyInBook"
    FROM "ContactImport" i WHERE i.id = ${importId}`;
  return importView(record, { alreadyInBook: preview?.alreadyInBook ?? 0, sample: preview?.sample ?? [] });
}

/** The enterprise's latest imports, newest first. */
export async function listImports(db: DbTx, enterpriseId: string, take = 20): Promise<ImportView[]> {
  const records = await db.contactImport.findMany({
    where: { enterpriseId },
    orderBy: { createdAt: "desc" },
    take,
    select: importSelect,
  });
  return records.map((r) => ({ ...importView(r, { alreadyInBook: null, sample: [] }), problems: [] }));
}

/** Drops a preview the customer does not want; runs cannot be discarded. */
export async function discardImport(db: Db, actor: EnterpriseActor, importId: string, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const record = await tx.contactImport.findFirst({
      where: { id: importId, enterpriseId: actor.enterpriseId },
      select: { status: true, fileName: true },
    });
    if (!record) throw new AppError("NOT_FOUND");
    const { count } = await tx.contactImport.deleteMany({ where: { id: importId, status: "PREVIEWED" } });
    if (count !== 1) throw new AppError("IMPORT_STATE");
    await recordAudit(
      tx,
      actor,
      {
        action: "addressbook.import.discarded",
        entityType: "ContactImport",
        entityId: importId,
        enterpriseId: actor.enterpriseId,
        detail: { fileName: record.fileName },
      },
      now,
    );
  });
}

const lockImport = (tx: DbTx, importId: string) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`contact-import:${importId}`}, 0))`;

/**
 * Upserts rows [from, from + count) of the stored import and their group memberships; the rows never
 * leave PostgreSQL. Returns how many contacts were new. The slice is cut out of the stored array once,
 * into a temporary table with statistics: reading it costs a pass over the whole array, and with
 * the default guess of 100 rows for a set-returning function the planner would join the upsert's
 * result to its input by nested loop.
 */
async function writeBatch(
  tx: DbTx,
  importId: string,
  enterpriseId: string,
  from: number,
  count: number,
  now: Date,
): Promise<number> {
  const slice = `$[${from} to ${from + count - 1}]`;
  await tx.$executeRaw`
    CREATE TEMP TABLE contact_import_batch (name text, mobile text, kind "ContactKind", tags text[], note text, groups text[]) ON COMMIT DROP`;
  await tx.$executeRaw`
    INSERT INTO contact_import_batch
    SELECT r.name, r.mobile, r.kind, coalesce(r.tags, '{}'), r.note, coalesce(r.groups, '{}')
    FROM "ContactImport" ci
      CROSS JOIN LATERAL jsonb_to_recordset(jsonb_path_query_array(ci.rows, ${slice}::jsonpath))
        AS r(name text, mobile text, kind "ContactKind", tags text[], note text, groups text[])
    WHERE ci.id = ${importId}`;
  await tx.$executeRaw`ANALYZE contact_import_batch`;
  const [counts] = await tx.$queryRaw<{ created: number }[]>`
    WITH upserted AS (
      INSERT INTO "Contact" AS c (id, "enterpriseId", name, mobile, kind, tags, note, "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, ${enterpriseId}, b.name, b.mobile, b.kind, b.tags, b.note, ${now}, ${now}
      FROM contact_import_batch b
      -- By number, so that concurrent imports into one book lock rows in the same order.
      ORDER BY b.mobile
      ON CONFLICT ("enterpriseId", mobile) DO UPDATE SET
        name = EXCLUDED.name,
        kind = EXCLUDED.kind,
        tags = ARRAY(
          SELECT u.tag FROM unnest(c.tags || EXCLUDED.tags) WITH ORDINALITY AS u(tag, position)
          GROUP BY u.tag ORDER BY min(u.position)
        ),
        note = coalesce(EXCLUDED.note, c.note),
        "updatedAt" = EXCLUDED."updatedAt"
      RETURNING c.id, c.mobile, (c.xmax = 0) AS inserted
    ), joined AS (
      -- Each row names each group once (the file check dedupes them): no DISTINCT needed.
      INSERT INTO "ContactGroupMember" ("groupId", "contactId")
      SELECT g.id, u.id
      FROM upserted u
        JOIN contact_import_batch b ON b.mobile = u.mobile
        CROSS JOIN LATERAL unnest(b.groups) AS wanted(name)
        JOIN "ContactGroup" g ON g."enterpriseId" = ${enterpriseId} AND g.name = wanted.name
      ON CONFLICT DO NOTHING
    )
    SELECT (count(*) FILTER (WHERE inserted))::int AS created FROM upserted`;
  return counts?.created ?? 0;
}

/** Creates the groups the stored rows name that the book does not have yet. */
async function ensureGroups(db: DbTx, importId: string, enterpriseId: string, now: Date): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "ContactGroup" (id, "enterpriseId", name, "createdAt")
    SELECT gen_random_uuid()::text, ${enterpriseId}, n.name, ${now}
    FROM (
      SELECT DISTINCT g.name FROM "ContactImport" ci
        CROSS JOIN LATERAL jsonb_array_elements(ci.rows) AS r(row)
        CROSS JOIN LATERAL jsonb_array_elements_text(r.row -> 'groups') AS g(name)
      WHERE ci.id = ${importId}
    ) n
    ON CONFLICT ("enterpriseId", name) DO NOTHING`;
}

export interface RunOptions {
  batchSize?: number;
}

/**
 * Writes a previewed import into the address book (or finishes an interrupted one) and returns the
 * final counters. IMPORT_STATE when it has completed already.
 */
export async function runImport(
  db: Db,
  actor: EnterpriseActor,
  importId: string,
  now: Date,
  options: RunOptions = {},
): Promise<ImportView> {
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const record = await db.contactImport.findFirst({
    where: { id: importId, enterpriseId: actor.enterpriseId },
    select: { status: true, fileName: true },
  });
  if (!record) throw new AppError("NOT_FOUND");
  const [stored] = await db.$queryRaw<
    { count: number | null }[]
  >`SELECT jsonb_array_length(rows) AS count FROM "ContactImport" WHERE id = ${importId}`;
  if (record.status === "COMPLETED" || stored?.count == null) throw new AppError("IMPORT_STATE");
  const rowCount = stored.count;
  const started = await db.contactImport.updateMany({
    where: { id: importId, status: { in: ["PREVIEWED", "FAILED"] } },
    data: { status: "RUNNING" },
  });
  if (started.count === 1) {
    await recordAudit(
      db,
      actor,
      {
        action: "addressbook.import.started",
        entityType: "ContactImport",
        entityId: importId,
        enterpriseId: actor.enterpriseId,
        detail: { fileName: record.fileName, rows: rowCount },
      },
      now,
    );
  }
  try {
    await ensureGroups(db, importId, actor.enterpriseId, now);
    for (;;) {
      const more = await db.$transaction(
        async (tx) => {
          await lockImport(tx, importId);
          const state = await tx.contactImport.findUniqueOrThrow({
            where: { id: importId },
            select: { status: true, processedRows: true },
          });
          if (state.status !== "RUNNING" || state.processedRows >= rowCount) return false;
          const count = Math.min(batchSize, rowCount - state.processedRows);
          const created = await writeBatch(tx, importId, actor.enterpriseId, state.processedRows, count, now);
          await tx.contactImport.update({
            where: { id: importId },
            data: { processedRows: { increment: count }, importedRows: { increment: created } },
          });
          return true;
        },
        { timeout: 60_000 },
      );
      if (!more) break;
    }
    await db.$transaction(async (tx) => {
      await lockImport(tx, importId);
      const done = await tx.contactImport.updateMany({
        where: { id: importId, status: "RUNNING", processedRows: { gte: rowCount } },
        data: { status: "COMPLETED", finishedAt: now, rows: Prisma.DbNull },
      });
      if (done.count === 1) {
        const final = await tx.contactImport.findUniqueOrThrow({ where: { id: importId }, select: importSelect });
        await recordAudit(
          tx,
          actor,
          {
            action: "addressbook.import.completed",
            entityType: "ContactImport",
            entityId: importId,
            enterpriseId: actor.enterpriseId,
            detail: {
              fileName: final.fileName,
              created: final.importedRows,
              updated: final.processedRows - final.importedRows,
              invalidRows: final.invalidRows,
              duplicateRows: final.duplicateRows,
            },
          },
          now,
        );
      }
    });
  } catch (error) {
    // Stopped part-way: FAILED keeps processedRows, and confirming again resumes from there.
    await db.contactImport
      .updateMany({ where: { id: importId, status: "RUNNING" }, data: { status: "FAILED" } })
      .catch(() => undefined);
    throw error;
  }
  return getImport(db, actor.enterpriseId, importId);
}
