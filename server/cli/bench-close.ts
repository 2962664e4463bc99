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
import { buildCloseData } from "../testing/close-data";
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
    await buildCloseData(db, CONTRACTS);
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
