// Period close (二 3): after a calendar month ends (China time), one statement for every contract
// that was in force on any day of it. Set-based: the contracts go in chunks, one transaction each;
// a chunk locks its contracts, reads the inputs of all of them in a few statements, drafts every
// statement with the one per-contract rule (statement-draft.ts), takes a block of gapless numbers
// and writes statements, lines, ledger bookkeeping and audit entries in bulk. A contract's statement
// and its number commit together or not at all, so a failure skips no number, and a second run (or
// a concurrent one, which waits on the locks) finds the statements there and issues nothing new.
// Issuing one contract's statement (issueStatement) is the same code with one contract.
import { type AuditEntry, recordAuditMany, SYSTEM_ACTOR } from "../audit/log";
import { chinaDayEnd, formatChinaDate, toDbDate } from "../clock";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { nextCounterBlock } from "../sequences/counter";
import { applyAccountCredit } from "./ledger";
import { formatPeriod, type Period, parsePeriod, periodFirstDay, periodLastDay, statementNumber } from "./rules";
import {
  activeDaysIn,
  adjustmentsCutOff,
  draftStatement,
  type StatementDraft,
  type StatementInputs,
} from "./statement-draft";

export { activeDaysIn } from "./statement-draft";

const BILLED_STATUSES = ["ACTIVE", "SUSPENDED", "TERMINATED", "EXPIRED"] as const;

/** What the statement rule reads of a contract and of its open statements. */
const CONTRACT_INPUTS = {
  id: true,
  number: true,
  enterpriseId: true,
  status: true,
  startDate: true,
  endDate: true,
  packageId: true,
  packagePriceId: true,
  freePackageDailyCap: true,
  lateFeeRatePpm: true,
  paymentWindowStartDay: true,
  paymentWindowEndDay: true,
  graceDays: true,
  suspensionAfterDays: true,
} as const satisfies Prisma.ContractSelect;
const OPEN_STATEMENT_INPUTS = {
  id: true,
  number: true,
  contractId: true,
  period: true,
  principalFen: true,
  carriedLateFeeFen: true,
  totalFen: true,
  dueDate: true,
  lateFeeRatePpm: true,
  lateFeeCarriedOutFen: true,
} as const satisfies Prisma.StatementSelect;

/** Contracts per transaction: big enough for few round trips, small enough to hold their locks briefly. */
export const CLOSE_CHUNK_SIZE = 1_000;

export interface CloseSummary {
  period: string;
  issued: string[];
  alreadyIssued: number;
  notInForce: number;
}

/** Closes a period; `now` must be after the period ended (24:00 China time of its last day). */
export async function closePeriod(
  db: Db,
  input: { period: string; now: Date; chunkSize?: number },
): Promise<CloseSummary> {
  const period = parsePeriod(input.period);
  const now = input.now;
  if (now < chinaDayEnd(periodLastDay(period))) throw new AppError("PERIOD_NOT_ENDED", { period: input.period });
  const label = formatPeriod(period);
  const chunkSize = input.chunkSize ?? CLOSE_CHUNK_SIZE;
  const contracts = await db.contract.findMany({
    where: { status: { in: [...BILLED_STATUSES] }, startDate: { lte: toDbDate(periodLastDay(period)) } },
    select: { id: true, startDate: true, endDate: true },
    orderBy: { number: "asc" },
  });
  const issuedBefore = new Set(
    (await db.statement.findMany({ where: { period: label }, select: { contractId: true } })).map((s) => s.contractId),
  );
  const summary: CloseSummary = { period: label, issued: [], alreadyIssued: 0, notInForce: 0 };
  const toIssue: string[] = [];
  for (const contract of contracts) {
    if (!activeDaysIn(contract, period)) summary.notInForce++;
    else if (issuedBefore.has(contract.id)) summary.alreadyIssued++;
    else toIssue.push(contract.id);
  }
  for (let i = 0; i < toIssue.length; i += chunkSize) {
    const chunk = toIssue.slice(i, i + chunkSize);
    const result = await retryOnConflict(() =>
      db.$transaction((tx) => issueStatements(tx, chunk, period, now), { maxWait: 60_000, timeout: 300_000 }),
    );
    summary.issued.push(...result.issued);
    summary.alreadyIssued += result.alreadyIssued;
    summary.notInForce += result.notInForce;
  }
  return summary;
}

/** Issues one contract's statement for a period (inside the caller's transaction); null when it already exists. */
export async function issueStatement(db: DbTx, contractId: string, period: Period, now: Date): Promise<string | null> {
  return (await issueStatements(db, [contractId], period, now)).issued[0] ?? null;
}

/**
 * Issues the period's statements of the given contracts inside the caller's transaction, numbered
 * in contract-number order; contracts whose statement exists already, or that were not in force, are
 * counted and left alone.
 */
export async function issueStatements(
  db: DbTx,
  contractIds: readonly string[],
  period: Period,
  now: Date,
): Promise<{ issued: string[]; alreadyIssued: number; notInForce: number }> {
  const label = formatPeriod(period);
  const ids = [...new Set(contractIds)].sort();
  if (ids.length === 0) return { issued: [], alreadyIssued: 0, notInForce: 0 };
  // Everything that moves money on a contract locks it first (ledger.lockContract); in id order, so
  // two closes (or a close and a payment) never wait on each other in a cycle.
  await db.$queryRaw`SELECT 1 FROM "Contract" WHERE "id" = ANY(${ids}::text[]) ORDER BY "id" FOR UPDATE`;
  const existing = new Set(
    (
      await db.$queryRaw<{ contractId: string }[]>`
        SELECT "contractId" FROM "Statement" WHERE "contractId" = ANY(${ids}::text[]) AND "period" = ${label}`
    ).map((s) => s.contractId),
  );
  const inputs = await gatherStatementInputs(
    db,
    ids.filter((id) => !existing.has(id)),
    period,
  );
  const drafts: StatementDraft[] = [];
  for (const input of inputs) {
    const draft = draftStatement(input, period, now);
    if (draft) drafts.push(draft);
  }
  const notInForce = inputs.length - drafts.length;
  if (drafts.length === 0) return { issued: [], alreadyIssued: existing.size, notInForce };
  const issued = await writeStatements(db, drafts, period, now);
  return { issued, alreadyIssued: existing.size, notInForce };
}

/**
 * The inputs of many contracts' statements in a handful of statements (contracts, change forms,
 * the catalogue, usage summed per contract over its active days, unbilled adjustments, open
 * statements), in contract-number order.
 */
export async function gatherStatementInputs(
  db: DbTx,
  contractIds: readonly string[],
  period: Period,
): Promise<StatementInputs[]> {
  if (contractIds.length === 0) return [];
  const ids = [...contractIds];
  const first = periodFirstDay(period);
  const last = periodLastDay(period);
  const [contracts, bureau, changes, packages, usage, adjustments, openStatements] = await Promise.all([
    db.contract.findMany({
      where: { id: { in: ids } },
      select: { ...CONTRACT_INPUTS, enterprise: { select: { name: true, uscc: true, address: true } } },
      orderBy: { number: "asc" },
    }),
    db.bureauConfig.findUniqueOrThrow({ where: { id: 1 } }),
    db.packageChangeRequest.findMany({
      where: {
        contractId: { in: ids },
        OR: [{ status: "APPLIED" }, { status: "PENDING", effectiveOn: { lte: toDbDate(last) } }],
      },
    }),
    db.package.findMany({ include: { prices: true } }),
    // The enterprise's metered segments on the contract's days in force within the period (an
    // enterprise with two contracts in one month bills each its own days).
    db.$queryRaw<{ contractId: string; used: number }[]>`
      SELECT c."id" AS "contractId", COALESCE(sum(d."submittedSegments"), 0)::int AS used
      FROM "Contract" c
      JOIN "DailyUsage" d ON d."enterpriseId" = c."enterpriseId"
        AND d."day" >= GREATEST(c."startDate", ${formatChinaDate(first)}::date)
        AND d."day" <= LEAST(c."endDate", ${formatChinaDate(last)}::date)
      WHERE c."id" = ANY(${ids}::text[])
      GROUP BY c."id"`,
    db.billingAdjustment.findMany({
      where: { contractId: { in: ids }, statementId: null, createdAt: { lt: adjustmentsCutOff(period) } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    db.statement.findMany({
      where: { contractId: { in: ids }, settledAt: null, period: { lt: formatPeriod(period) } },
      orderBy: [{ period: "asc" }],
      select: {
        ...OPEN_STATEMENT_INPUTS,
        allocations: { select: { appliedOn: true, lateFeeFen: true, principalFen: true } },
      },
    }),
  ]);
  const grouped = <T extends { contractId: string }>(rows: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const list = map.get(row.contractId);
      if (list) list.push(row);
      else map.set(row.contractId, [row]);
    }
    return map;
  };
  const changesOf = grouped(changes);
  const adjustmentsOf = grouped(adjustments);
  const openOf = grouped(openStatements);
  const usedOf = new Map(usage.map((u) => [u.contractId, u.used]));
  return contracts.map(({ enterprise, ...contract }) => ({
    contract,
    enterprise,
    bureau,
    changes: changesOf.get(contract.id) ?? [],
    packages,
    usedSegments: usedOf.get(contract.id) ?? 0,
    adjustments: adjustmentsOf.get(contract.id) ?? [],
    openStatements: openOf.get(contract.id) ?? [],
  }));
}

/** Numbers the drafts in one block and writes them with their lines, bookkeeping and audit entries. */
async function writeStatements(db: DbTx, drafts: StatementDraft[], period: Period, now: Date): Promise<string[]> {
  const label = formatPeriod(period);
  const firstNumber = await nextCounterBlock(db, `statement:${label.replace("-", "")}`, drafts.length);
  const numbers = drafts.map((_, i) => statementNumber(period, firstNumber + i));

  // One INSERT per 2,000 statements and per 5,000 lines, every column an array parameter (unnest).
  const idOf = new Map<string, string>();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  for (let i = 0; i < drafts.length; i += 2_000) {
    const chunk = drafts.slice(i, i + 2_000);
    const col = <T>(f: (d: StatementDraft) => T) => chunk.map(f);
    const rows = await db.$queryRaw<{ id: string; contractId: string }[]>`
      INSERT INTO "Statement" ("id", "number", "contractId", "enterpriseId", "period", "activeFrom", "activeTo",
        "daysInPeriod", "activeDays", "packageId", "packagePriceId", "packageCode", "baseFeeFen", "includedMessages",
        "overagePriceLi", "usedSegments", "overageSegments", "principalFen", "carriedLateFeeFen", "totalFen",
        "windowStart", "dueDate", "graceEnd", "suspendAfter", "lateFeeRatePpm", "issuedAt", "snapshot", "settledAt")
      SELECT gen_random_uuid()::text, s.* FROM unnest(
        ${numbers.slice(i, i + 2_000)}::text[], ${col((d) => d.contractId)}::text[], ${col((d) => d.enterpriseId)}::text[],
        ${col((d) => d.period)}::text[], ${col((d) => day(d.activeFrom))}::date[], ${col((d) => day(d.activeTo))}::date[],
        ${col((d) => d.daysInPeriod)}::int[], ${col((d) => d.activeDays)}::int[], ${col((d) => d.packageId)}::text[],
        ${col((d) => d.packagePriceId)}::text[], ${col((d) => d.packageCode)}::text[], ${col((d) => d.baseFeeFen)}::int[],
        ${col((d) => d.includedMessages)}::int[], ${col((d) => d.overagePriceLi)}::int[], ${col((d) => d.usedSegments)}::int[],
        ${col((d) => d.overageSegments)}::int[], ${col((d) => d.principalFen)}::int[], ${col((d) => d.carriedLateFeeFen)}::int[],
        ${col((d) => d.totalFen)}::int[], ${col((d) => day(d.windowStart))}::date[], ${col((d) => day(d.dueDate))}::date[],
        ${col((d) => day(d.graceEnd))}::date[], ${col((d) => day(d.suspendAfter))}::date[], ${col((d) => d.lateFeeRatePpm)}::int[],
        ${col((d) => d.issuedAt.toISOString())}::timestamp[], ${col((d) => JSON.stringify(d.snapshot))}::jsonb[],
        ${col((d) => d.settledAt?.toISOString() ?? null)}::timestamp[]
      ) AS s
      RETURNING "id", "contractId"`;
    for (const row of rows) idOf.set(row.contractId, row.id);
  }
  const statementId = (draft: StatementDraft) => {
    const id = idOf.get(draft.contractId);
    if (!id) throw new Error(`statement of contract ${draft.contractId} was not written`);
    return id;
  };

  const lines = drafts.flatMap((d) => d.lines.map((line) => ({ ...line, statementId: statementId(d) })));
  for (let i = 0; i < lines.length; i += 5_000) {
    const chunk = lines.slice(i, i + 5_000);
    await db.$executeRaw`
      INSERT INTO "StatementLine" ("id", "statementId", "seq", "kind", "description", "quantity", "unitPrice", "amountFen")
      SELECT gen_random_uuid()::text, l."statementId", l.seq, l.kind::"StatementLineKind", l.description, l.quantity, l."unitPrice", l."amountFen"
      FROM unnest(${chunk.map((l) => l.statementId)}::text[], ${chunk.map((l) => l.seq)}::int[], ${chunk.map((l) => l.kind)}::text[],
        ${chunk.map((l) => l.description)}::text[], ${chunk.map((l) => l.quantity)}::int[], ${chunk.map((l) => l.unitPrice)}::int[],
        ${chunk.map((l) => l.amountFen)}::int[]) AS l("statementId", seq, kind, description, quantity, "unitPrice", "amountFen")`;
  }

  // Late fees carried onto the new statements grow the earlier ones' lateFeeCarriedOutFen (the one
  // change the database allows on an issued statement besides settling it).
  const carried = drafts.flatMap((d) => d.carried);
  if (carried.length > 0)
    await db.$executeRaw`
      UPDATE "Statement" s SET "lateFeeCarriedOutFen" = s."lateFeeCarriedOutFen" + c.amount
      FROM unnest(${carried.map((c) => c.statementId)}::text[], ${carried.map((c) => c.amountFen)}::int[]) AS c(id, amount)
      WHERE s."id" = c.id`;
  const billed = drafts.flatMap((d) => d.adjustmentIds.map((id) => ({ id, statementId: statementId(d) })));
  if (billed.length > 0)
    await db.$executeRaw`
      UPDATE "BillingAdjustment" a SET "statementId" = b.statement
      FROM unnest(${billed.map((b) => b.id)}::text[], ${billed.map((b) => b.statementId)}::text[]) AS b(id, statement)
      WHERE a."id" = b.id`;

  await recordAuditMany(
    db,
    SYSTEM_ACTOR,
    drafts.map((d, i): AuditEntry => ({
      action: "billing.statement.issued",
      entityType: "Statement",
      entityId: statementId(d),
      enterpriseId: d.enterpriseId,
      detail: { number: numbers[i]!, period: label, totalFen: d.totalFen, usedSegments: d.usedSegments },
    })),
    now,
  );

  // Overpayments and credit waiting on the account pay the new statement at once: only contracts
  // with money not yet applied (or an open statement of nothing) have anything to do.
  const contractIds = drafts.map((d) => d.contractId);
  const withCredit = await db.$queryRaw<{ contractId: string }[]>`
    SELECT DISTINCT x."contractId" FROM (
      SELECT p."contractId", p."amountFen" - COALESCE(sum(a."lateFeeFen" + a."principalFen"), 0) AS remaining
      FROM "Payment" p LEFT JOIN "Allocation" a ON a."paymentId" = p."id"
      WHERE p."contractId" = ANY(${contractIds}::text[]) GROUP BY p."id"
      UNION ALL
      SELECT n."contractId", n."amountFen" - COALESCE(sum(a."lateFeeFen" + a."principalFen"), 0) AS remaining
      FROM "CreditNote" n LEFT JOIN "Allocation" a ON a."creditNoteId" = n."id"
      WHERE n."contractId" = ANY(${contractIds}::text[]) GROUP BY n."id"
      UNION ALL
      SELECT s."contractId", 1 FROM "Statement" s
      WHERE s."contractId" = ANY(${contractIds}::text[]) AND s."settledAt" IS NULL AND s."totalFen" <= 0
    ) x WHERE x.remaining > 0`;
  const credited = new Set(withCredit.map((r) => r.contractId));
  for (const d of drafts) if (credited.has(d.contractId)) await applyAccountCredit(db, d.contractId, now);
  return numbers;
}

/** A chunk whose transaction lost a race (a deadlock, or a statement issued concurrently) runs again. */
async function retryOnConflict<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const conflict =
        error instanceof Prisma.PrismaClientKnownRequestError &&
        (error.code === "P2002" || error.code === "P2034" || /deadlock detected/.test(error.message));
      if (!conflict || attempt >= attempts) throw error;
    }
  }
}
