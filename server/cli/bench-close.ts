// `npm run bench:close [-- --contracts 10000 --path bulk|single --json FILE]`
// Builds --contracts enterprises with a contract each in a throwaway database (migrated and seeded
// for the run, dropped after), set-based: a mix of packages, mid-month starts, terminations,
// suspensions, package changes effective 1 November, contracts signed at an older price version,
// adjustments, overpayments and a month of metered usage (every tenth contract none). Then it closes
// October (nothing carried) and November (October unpaid: late fees carried, credit applied), and
// prints for each close the time, statements/s and peak RSS; then a second November close (issues
// nothing). `--path single` issues every statement in a transaction of its own (the old shape).
import "../load-env";
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { seedDemo } from "../../prisma/demo-data";
import { type CloseSummary, closePeriod, issueStatement } from "../billing/close";
import { parsePeriod } from "../billing/rules";
import { createDb, type Db } from "../db";
import { adminQuery, databaseUrl } from "../testing/database";

const { values } = parseArgs({
  options: {
    contracts: { type: "string", default: "10000" },
    path: { type: "string", default: "bulk" },
    json: { type: "string" },
  },
});

const CONTRACTS = Number(values.contracts);
const PATH = values.path;
if (!Number.isInteger(CONTRACTS) || CONTRACTS < 1 || (PATH !== "bulk" && PATH !== "single")) {
  console.error("usage: npm run bench:close [-- --contracts 10000 --path bulk|single --json FILE]");
  process.exit(2);
}

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const cn = (local: string) => new Date(`${local}+08:00`);

/** The generated customers, one contract each; i runs 1..CONTRACTS. */
async function buildData(db: Db) {
  const n = CONTRACTS;
  await db.$executeRaw`
    INSERT INTO "Enterprise" (id, name, "legalRepresentative", address, phone, uscc, "bankName", "bankAccount",
                              "contactName", "contactEmail", "contactMobile", "createdAt", "updatedAt")
    SELECT 'bench-e-' || i, '基准企业' || i, '王五', '示例市测试路 ' || i || ' 号', '0591-88889999',
           'BENCH' || lpad(i::text, 13, '0'), '示例银行', '6222' || lpad(i::text, 12, '0'),
           '赵六', 'bench' || i || '@example.com', '139' || lpad(i::text, 8, '0'), now(), now()
    FROM generate_series(1, ${n}) AS i`;
  // Package by i % 4; every 7th BASIC contract signed at price version 1 (version 2 in force since
  // 2026-01-01); every 20th starts on 10 November, every 40th ended on 15 November (terminated),
  // every 50th suspended.
  await db.$executeRaw`
    WITH pkg AS (
      SELECT p.id, p.code, (SELECT pp.id FROM "PackagePrice" pp WHERE pp."packageId" = p.id ORDER BY pp.version DESC LIMIT 1) AS latest,
             (SELECT pp.id FROM "PackagePrice" pp WHERE pp."packageId" = p.id ORDER BY pp.version ASC LIMIT 1) AS oldest
      FROM "Package" p
    )
    INSERT INTO "Contract" (id, number, "enterpriseId", "packageId", "packagePriceId", status, "startDate", "endDate",
      "paymentWindowStartDay", "paymentWindowEndDay", "graceDays", "lateFeeRatePpm", "suspensionAfterDays",
      "changeCutoffDay", "renewalYears", "objectionNoticeDays", "arbitrationCommission", "depositFen",
      "freePackageDailyCap", "signingPlace", "createdAt", "updatedAt", "endedAt", "endReason")
    SELECT 'bench-c-' || i, 'QXT-HT-BENCH-' || lpad(i::text, 6, '0'), 'bench-e-' || i, pkg.id,
           CASE WHEN i % 7 = 0 THEN pkg.oldest ELSE pkg.latest END,
           (CASE WHEN i % 40 = 0 THEN 'TERMINATED' WHEN i % 50 = 0 THEN 'SUSPENDED' ELSE 'ACTIVE' END)::"ContractStatus",
           CASE WHEN i % 20 = 0 THEN DATE '2026-11-10' ELSE DATE '2026-01-01' END,
           CASE WHEN i % 40 = 0 THEN DATE '2026-11-15' ELSE DATE '2028-12-31' END,
           b."paymentWindowStartDay", b."paymentWindowEndDay", b."graceDays", b."lateFeeRatePpm", b."suspensionAfterDays",
           b."changeCutoffDay", b."renewalYears", b."objectionNoticeDays", b."arbitrationCommission", b."depositFen",
           b."freePackageDailyCap", b."signingPlace", now(), now(),
           CASE WHEN i % 40 = 0 THEN TIMESTAMP '2026-11-15 16:00:00' END,
           CASE WHEN i % 40 = 0 THEN 'MUTUAL_TERMINATION'::"ContractEndReason" END
    FROM generate_series(1, ${n}) AS i
    CROSS JOIN "BureauConfig" b
    JOIN pkg ON pkg.code = (ARRAY['BASIC', 'STANDARD', 'PREMIUM', 'FREE'])[i % 4 + 1]
    WHERE b.id = 1`;
  // Every 30th contract moved from BASIC to its present package on 1 November (an applied change form).
  await db.$executeRaw`
    INSERT INTO "PackageChangeRequest" (id, "contractId", "enterpriseId", "fromPackageId", "fromPackagePriceId",
      "toPackageId", reason, status, "effectiveOn", "submittedAt", "toPackagePriceId", "appliedAt")
    SELECT 'bench-pc-' || c.id, c.id, c."enterpriseId", basic.id, basic.price, c."packageId", '业务调整', 'APPLIED',
           DATE '2026-11-01', TIMESTAMP '2026-10-10 02:00:00', c."packagePriceId", TIMESTAMP '2026-10-31 16:01:00'
    FROM "Contract" c
    CROSS JOIN (SELECT p.id, (SELECT pp.id FROM "PackagePrice" pp WHERE pp."packageId" = p.id ORDER BY pp.version DESC LIMIT 1) AS price
                FROM "Package" p WHERE p.code = 'BASIC') basic
    WHERE c.id LIKE 'bench-c-%' AND substr(c.id, 9)::int % 30 = 0 AND c."packageId" <> basic.id`;
  // A month of usage: every day of November (and of October), 0..79 segments a day; every tenth (i = 3, 13, ...) none.
  await db.$executeRaw`
    INSERT INTO "DailyUsage" ("enterpriseId", day, "reservedSegments", "submittedSegments")
    SELECT 'bench-e-' || i, d::date, (i * 7 + extract(day FROM d)::int * 13) % 80, (i * 7 + extract(day FROM d)::int * 13) % 80
    FROM generate_series(1, ${n}) AS i
    CROSS JOIN generate_series(DATE '2026-10-01', DATE '2026-11-30', interval '1 day') AS d
    WHERE i % 10 <> 3`;
  // Every 100th contract: an adjustment of 5.00 元 in November; every 60th: an overpayment of 2,000.00 元 on 20 November.
  await db.$executeRaw`
    INSERT INTO "BillingAdjustment" (id, "contractId", "amountFen", reason, "createdAt")
    SELECT 'bench-adj-' || i, 'bench-c-' || i, 500, '号码服务费', TIMESTAMP '2026-11-20 02:00:00'
    FROM generate_series(100, ${n}, 100) AS i`;
  await db.$executeRaw`
    INSERT INTO "Payment" (id, "contractId", "enterpriseId", "amountFen", method, reference, "receivedOn", "createdAt")
    SELECT 'bench-pay-' || i, 'bench-c-' || i, 'bench-e-' || i, 200000, 'BANK_TRANSFER', 'BENCH' || i, DATE '2026-11-20', TIMESTAMP '2026-11-20 02:00:00'
    FROM generate_series(60, ${n}, 60) AS i`;
  await db.$executeRaw`ANALYZE`;
}

/** The old shape: one transaction per statement. */
async function closeOneByOne(db: Db, period: string, now: Date): Promise<CloseSummary> {
  const p = parsePeriod(period);
  const contracts = await db.contract.findMany({ select: { id: true }, orderBy: { number: "asc" } });
  const summary: CloseSummary = { period, issued: [], alreadyIssued: 0, notInForce: 0 };
  for (const c of contracts) {
    const number = await db.$transaction((tx) => issueStatement(tx, c.id, p, now));
    if (number) summary.issued.push(number);
  }
  return summary;
}

interface Result {
  period: string;
  statements: number;
  seconds: number;
  statementsPerSecond: number;
  peakRssMb: number;
  lines: number;
  carriedLateFeeStatements: number;
  settledAtIssue: number;
  invoices: number;
}

async function main() {
  const name = `qxt_bench_close_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = databaseUrl(name);
  const db = createDb(url, { max: 4 });
  const results: Result[] = [];
  let peakRss = 0;
  let setupSeconds = 0;
  let rerun = { seconds: 0, issued: 0, alreadyIssued: 0 };
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  try {
    execFileSync("npm", ["run", "--silent", "db:migrate"], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: "pipe",
    });
    await seedDemo(db);
    const setup = process.hrtime.bigint();
    await buildData(db);
    setupSeconds = seconds(setup);
    for (const [period, at] of [
      ["2026-10", "2026-11-01T00:10:00"],
      ["2026-11", "2026-12-01T00:10:00"],
    ] as const) {
      peakRss = process.memoryUsage().rss;
      const started = process.hrtime.bigint();
      const summary =
        PATH === "bulk" ? await closePeriod(db, { period, now: cn(at) }) : await closeOneByOne(db, period, cn(at));
      const took = seconds(started);
      const statements = await db.statement.findMany({
        where: { period },
        select: { number: true },
        orderBy: { number: "asc" },
      });
      if (
        statements.length !== summary.issued.length ||
        statements.some((s, i) => Number(s.number.slice(-6)) !== i + 1)
      )
        throw new Error(
          `${period}: ${statements.length} statements, ${summary.issued.length} issued: numbers not 1..n`,
        );
      results.push({
        period,
        statements: summary.issued.length,
        seconds: round(took),
        statementsPerSecond: Math.round(summary.issued.length / took),
        peakRssMb: Math.round(peakRss / 1024 / 1024),
        lines: await db.statementLine.count({ where: { statement: { period } } }),
        carriedLateFeeStatements: await db.statement.count({ where: { period, carriedLateFeeFen: { gt: 0 } } }),
        settledAtIssue: await db.statement.count({ where: { period, totalFen: 0, settledAt: { not: null } } }),
        invoices: await db.invoice.count({ where: { statement: { period } } }),
      });
    }
    const again = process.hrtime.bigint();
    const second = await closePeriod(db, { period: "2026-11", now: cn("2026-12-01T09:00:00") });
    rerun = { seconds: round(seconds(again)), issued: second.issued.length, alreadyIssued: second.alreadyIssued };
  } finally {
    clearInterval(sampler);
    await db.$disconnect();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  console.log(`${CONTRACTS} contracts (+2 demo), path ${PATH}; data built set-based in ${setupSeconds.toFixed(2)} s`);
  for (const r of results)
    console.log(
      `close ${r.period}: ${r.statements} statements (${r.lines} lines, ${r.carriedLateFeeStatements} carrying late fees, ` +
        `${r.settledAtIssue} settled at issue, ${r.invoices} invoiced) in ${r.seconds.toFixed(2)} s = ${r.statementsPerSecond} statements/s; peak RSS ${r.peakRssMb} MB`,
    );
  console.log(
    `second close 2026-11: ${rerun.issued} issued, ${rerun.alreadyIssued} already issued, ${rerun.seconds.toFixed(2)} s`,
  );
  if (values.json)
    writeFileSync(
      values.json,
      `${JSON.stringify({ contracts: CONTRACTS, path: PATH, setupSeconds: round(setupSeconds), results, rerun }, null, 2)}\n`,
    );
}

await main();
