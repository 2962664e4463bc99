// `npm run bench:import [-- --rows 100000 --format xlsx|csv|both --json FILE]`
// Imports a generated address book of --rows contacts (a few percent invalid or repeated, some
// already in the book) into a throwaway database, migrated and seeded for the run and dropped after,
// and prints how long reading + checking (the preview) and writing (the run) took, in rows/s.
import type { EnterpriseActor } from "../audit/log";
import "../load-env";
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { seedDemo } from "../../prisma/demo-data";
import { getImport, previewImport, runImport } from "../addressbook/import";
import { createDb } from "../db";
import { adminQuery, databaseUrl } from "../testing/database";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    format: { type: "string", default: "both" },
    json: { type: "string" },
  },
});

const ROWS = Number(values.rows);
const FORMATS = values.format === "both" ? (["csv", "xlsx"] as const) : ([values.format] as ["csv" | "xlsx"]);
if (!Number.isInteger(ROWS) || ROWS < 1 || FORMATS.some((f) => f !== "csv" && f !== "xlsx")) {
  console.error("usage: npm run bench:import [-- --rows 100000 --format csv|xlsx|both --json FILE]");
  process.exit(2);
}

/** Row i of the generated book: every 50th number is invalid, every 40th repeats the row before. */
function bookRow(i: number, base: number): [string, string, string, string, string, string] {
  const mobile = i % 50 === 49 ? "1234567" : i % 40 === 39 ? `+86 ${base + i - 1}` : `+86 ${base + i}`;
  return [
    `联系人${i}`,
    mobile,
    i % 3 === 0 ? "员工" : "客户",
    i % 2 === 0 ? "华东区、重点客户" : "华南区",
    i % 5 === 0 ? "VIP" : "",
    i % 7 === 0 ? "季度对账" : "",
  ];
}

const HEADER = ["姓名", "手机", "类型", "分组", "标签", "备注"];

function csvFile(base: number): Uint8Array {
  const lines = [HEADER.join(",")];
  for (let i = 0; i < ROWS; i++) lines.push(bookRow(i, base).join(","));
  return new TextEncoder().encode(`${lines.join("\r\n")}\r\n`);
}

async function xlsxFile(base: number): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("通讯录");
  sheet.addRow(HEADER);
  for (let i = 0; i < ROWS; i++) sheet.addRow(bookRow(i, base));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

interface Result {
  format: "csv" | "xlsx";
  rows: number;
  fileBytes: number;
  validRows: number;
  invalidRows: number;
  duplicateRows: number;
  created: number;
  updated: number;
  previewSeconds: number;
  runSeconds: number;
  totalSeconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
}

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main() {
  const name = `qxt_bench_import_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = databaseUrl(name);
  const db = createDb(url, { max: 4 });
  const results: Result[] = [];
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    execFileSync("npm", ["run", "--silent", "db:migrate"], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: "pipe",
    });
    await seedDemo(db);
    const user = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.example.com" } });
    const actor: EnterpriseActor = {
      userId: user.id,
      role: user.role,
      enterpriseId: user.enterpriseId ?? "",
      ip: null,
      userAgent: "bench-import",
    };
    for (const [index, format] of FORMATS.entries()) {
      // Each format gets numbers of its own, and a tenth of them are in the book beforehand (updates).
      const base = 13_000_000_000 + index * 10_000_000;
      const data = format === "csv" ? csvFile(base) : await xlsxFile(base);
      await db.$executeRaw`
        INSERT INTO "Contact" (id, "enterpriseId", name, mobile, kind, tags, "createdAt", "updatedAt")
        SELECT gen_random_uuid()::text, ${actor.enterpriseId}, '已有' || i, (${base}::bigint + i)::text, 'CLIENT', '{}', now(), now()
        FROM generate_series(0, ${ROWS - 1}, 10) AS i
        ON CONFLICT DO NOTHING`;
      peakRss = process.memoryUsage().rss;
      const started = process.hrtime.bigint();
      const { id } = await previewImport(
        db,
        actor,
        { fileName: `bench.${format}`, data, defaultKind: "CLIENT", groupName: "基准导入" },
        new Date(),
      );
      const previewSeconds = seconds(started);
      const ran = process.hrtime.bigint();
      await runImport(db, actor, id, new Date());
      const runSeconds = seconds(ran);
      const totalSeconds = seconds(started);
      const view = await getImport(db, actor.enterpriseId, id);
      if (view.status !== "COMPLETED" || view.processedRows !== view.validRows)
        throw new Error(`import ended ${view.status} at ${view.processedRows}/${view.validRows}`);
      results.push({
        format,
        rows: view.totalRows,
        fileBytes: data.byteLength,
        validRows: view.validRows,
        invalidRows: view.invalidRows,
        duplicateRows: view.duplicateRows,
        created: view.importedRows,
        updated: view.updatedRows,
        previewSeconds: round(previewSeconds),
        runSeconds: round(runSeconds),
        totalSeconds: round(totalSeconds),
        rowsPerSecond: Math.round(view.totalRows / totalSeconds),
        peakRssMb: Math.round(peakRss / 1024 / 1024),
      });
    }
  } finally {
    clearInterval(sampler);
    await db.$disconnect();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  for (const r of results) {
    console.log(
      `${r.format.toUpperCase().padEnd(4)} ${r.rows} rows (${(r.fileBytes / 1024 / 1024).toFixed(1)} MB): ` +
        `read+check ${r.previewSeconds.toFixed(2)} s, write ${r.runSeconds.toFixed(2)} s, total ${r.totalSeconds.toFixed(2)} s = ${r.rowsPerSecond} rows/s; ` +
        `${r.created} new, ${r.updated} updated, ${r.invalidRows} invalid, ${r.duplicateRows} duplicates; peak RSS ${r.peakRssMb} MB`,
    );
  }
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ rows: ROWS, results }, null, 2)}\n`);
}

await main();
