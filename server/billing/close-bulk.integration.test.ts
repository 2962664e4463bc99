// The set-based close against one statement per transaction on the same varied data, and two closes
// running at once. The data (server/testing/close-data.ts): packages BASIC/STANDARD/PREMIUM/FREE,
// starts on 10 November, terminations on 15 November, suspended contracts, changes effective
// 1 November, contracts signed at an older price version, usage with overage, zero usage,
// adjustments, overpayments; October closed and left unpaid, so November carries late fees.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import type { Db } from "../db";
import { buildCloseData } from "../testing/close-data";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { closePeriod, issueStatement } from "./close";
import { parsePeriod } from "./rules";

const CONTRACTS = 240;
const cn = (local: string) => new Date(`${local}+08:00`);
const CLOSES = [
  ["2026-10", cn("2026-11-01T00:10:00")],
  ["2026-11", cn("2026-12-01T00:10:00")],
] as const;

let bulk: TestDatabase;
let single: TestDatabase;
let concurrent: TestDatabase;

async function prepare() {
  const t = await createTestDatabase();
  await seedDemo(t.db);
  await buildCloseData(t.db, CONTRACTS);
  return t;
}

/** Everything the close wrote, without row ids (statements by number, lines by seq; contract by number, package by code and version). */
async function issued(db: Db) {
  const statements = await db.statement.findMany({
    orderBy: { number: "asc" },
    include: {
      lines: { orderBy: { seq: "asc" } },
      allocations: { orderBy: [{ appliedOn: "asc" }, { principalFen: "asc" }] },
      invoice: true,
      contract: { select: { number: true } },
    },
  });
  const versions = new Map((await db.packagePrice.findMany()).map((p) => [p.id, p.version]));
  return statements.map(
    ({ id: _id, contractId: _c, enterpriseId: _e, packageId: _p, lines, allocations, invoice, ...s }) => ({
      ...s,
      packagePriceId: versions.get(s.packagePriceId),
      lines: lines.map(({ id: _l, statementId: _s, ...l }) => l),
      allocations: allocations.map(({ id: _a, statementId: _s, createdAt: _c, ...a }) => a),
      invoice: invoice && { number: invoice.number, amountFen: invoice.amountFen, snapshot: invoice.snapshot },
    }),
  );
}

beforeAll(async () => {
  [bulk, single, concurrent] = await Promise.all([prepare(), prepare(), prepare()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([bulk?.drop(), single?.drop(), concurrent?.drop()]);
});

describe("set-based period close", () => {
  test("the bulk close and one statement per transaction issue the same statements, lines, amounts and ledger", async () => {
    for (const [period, now] of CLOSES) {
      await closePeriod(bulk.db, { period, now, chunkSize: 100 });
      const contracts = await single.db.contract.findMany({ select: { id: true }, orderBy: { number: "asc" } });
      for (const c of contracts)
        await single.db.$transaction((tx) => issueStatement(tx, c.id, parsePeriod(period), now));
    }
    const a = await issued(bulk.db);
    const b = await issued(single.db);
    expect(a.length).toBeGreaterThan(2 * CONTRACTS - 40);
    expect(a).toEqual(b);
    // The mix really is there: late fees carried, prorated days, zero statements settled, invoices, adjustments.
    const november = a.filter((s) => s.period === "2026-11");
    expect(november.filter((s) => s.carriedLateFeeFen > 0).length).toBeGreaterThan(100);
    expect(november.filter((s) => s.activeDays < s.daysInPeriod).length).toBeGreaterThan(10);
    expect(november.filter((s) => s.totalFen === 0 && s.settledAt).length).toBeGreaterThan(0);
    expect(november.filter((s) => s.invoice).length).toBeGreaterThan(0);
    expect(november.filter((s) => s.overageSegments > 0).length).toBeGreaterThan(10);
    expect(november.some((s) => s.lines.some((l) => l.kind === "ADJUSTMENT"))).toBe(true);
    const audits = await bulk.db.auditLog.count({ where: { action: "billing.statement.issued" } });
    expect(audits).toBe(a.length);
    expect(await single.db.auditLog.count({ where: { action: "billing.statement.issued" } })).toBe(audits);
  }, 120_000);

  test("two closes at once: every contract once, numbers 1..n without gaps; a third run issues nothing", async () => {
    const [period, now] = CLOSES[0];
    const [x, y] = await Promise.all([
      closePeriod(concurrent.db, { period, now, chunkSize: 7 }),
      closePeriod(concurrent.db, { period, now, chunkSize: 5 }),
    ]);
    const statements = await concurrent.db.statement.findMany({ where: { period }, orderBy: { number: "asc" } });
    expect(x.issued.length + y.issued.length).toBe(statements.length);
    expect(new Set(statements.map((s) => s.contractId)).size).toBe(statements.length);
    expect(statements.map((s) => Number(s.number.slice(-6)))).toEqual(statements.map((_, i) => i + 1));
    expect((await concurrent.db.counter.findUniqueOrThrow({ where: { key: "statement:202610" } })).value).toBe(
      statements.length,
    );
    const again = await closePeriod(concurrent.db, { period, now });
    expect(again.issued).toEqual([]);
    expect(again.alreadyIssued).toBe(statements.length);
  }, 120_000);
});
