// Issued documents are frozen (issue 13 item 4): a statement's, invoice's and credit note's PDF text is
// the same byte for byte after the bureau's settings, the enterprise and the package are edited, and
// the database itself refuses to UPDATE or DELETE issued rows (only settlement bookkeeping is allowed).
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { SYSTEM_ACTOR } from "../audit/log";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { closePeriod } from "./close";
import { billingPdfFor } from "./documents";
import { issueCreditNote, recordPayment } from "./payments";

let t: TestDatabase;
const cn = (local: string) => new Date(`${local}+08:00`);
const FINANCE = { role: "FINANCE" as const, enterpriseId: null };
const dir = mkdtempSync(path.join(tmpdir(), "qxt-issued-"));

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  await closePeriod(t.db, { period: "2026-10", now: cn("2026-11-01T00:10:00") });
});
afterAll(async () => t.drop());

async function pdfText(kind: "statement" | "invoice" | "credit-note", id: string): Promise<string> {
  const { pdf } = await billingPdfFor(t.db, FINANCE, kind, id);
  const file = path.join(dir, `${kind}-${id}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

test("editing the bureau, the enterprise and the package leaves issued statements, invoices and credit notes unchanged", async () => {
  const contract = await t.db.contract.findUniqueOrThrow({
    where: { number: "QXT-HT-2026-0001" },
    include: { enterprise: true, package: true },
  });
  const october = await t.db.statement.findUniqueOrThrow({
    where: { contractId_period: { contractId: contract.id, period: "2026-10" } },
  });
  await recordPayment(
    t.db,
    SYSTEM_ACTOR,
    {
      contractId: contract.id,
      amountFen: october.totalFen,
      method: "BANK_TRANSFER",
      reference: "HX-1",
      receivedOn: "2026-11-05",
    },
    cn("2026-11-05T10:00:00"),
  );
  const invoice = await t.db.invoice.findUniqueOrThrow({ where: { statementId: october.id } });
  const note = await issueCreditNote(
    t.db,
    SYSTEM_ACTOR,
    { statementId: october.id, amountFen: 1_000, reason: "计费更正" },
    cn("2026-11-06T10:00:00"),
  );

  const bureau = await t.db.bureauConfig.findUniqueOrThrow({ where: { id: 1 } });
  const before = {
    statement: await pdfText("statement", october.id),
    invoice: await pdfText("invoice", invoice.id),
    creditNote: await pdfText("credit-note", note.creditNoteId),
  };
  // What was printed at issue is there to begin with.
  for (const text of Object.values(before)) expect(text.replace(/\s+/g, "")).toContain(contract.enterprise.name);
  expect(before.statement).toContain(bureau.bankAccount);
  expect(before.statement.replace(/\s+/g, "")).toContain(contract.package.nameZh);
  expect(before.invoice).toContain(bureau.uscc);

  await t.db.bureauConfig.update({
    where: { id: 1 },
    data: {
      name: "改名后的邮政分局",
      bankName: "改名后的银行",
      bankAccount: "6222000011112222333",
      uscc: "91110000MA0000001X",
    },
  });
  await t.db.enterprise.update({
    where: { id: contract.enterpriseId },
    data: { name: "改名后的企业有限公司", uscc: "91310000MA1FL8XQ30", address: "新地址 1 号" },
  });
  await t.db.package.update({ where: { id: contract.packageId }, data: { nameZh: "改名后的套餐", code: "RENAMED" } });

  const after = {
    statement: await pdfText("statement", october.id),
    invoice: await pdfText("invoice", invoice.id),
    creditNote: await pdfText("credit-note", note.creditNoteId),
  };
  expect(after).toEqual(before);
  // A statement issued after the edits prints the new values.
  await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T00:10:00") });
  const november = await t.db.statement.findUniqueOrThrow({
    where: { contractId_period: { contractId: contract.id, period: "2026-11" } },
  });
  const fresh = (await pdfText("statement", november.id)).replace(/\s+/g, "");
  for (const expected of ["改名后的企业有限公司", "6222000011112222333", "改名后的套餐"])
    expect(fresh).toContain(expected);
});

const refused = /rows are immutable once issued/;

test("the database refuses UPDATE and DELETE of issued statements, lines, invoices, credit notes, payments and allocations", async () => {
  const invoice = await t.db.invoice.findFirstOrThrow();
  const statementId = invoice.statementId;
  const note = await t.db.creditNote.findFirstOrThrow();
  const payment = await t.db.payment.findFirstOrThrow();
  const allocation = await t.db.allocation.findFirstOrThrow();
  const line = await t.db.statementLine.findFirstOrThrow();
  const attempts: [string, string][] = [
    [`UPDATE "Statement" SET "totalFen" = "totalFen" + 1 WHERE id = $1`, statementId],
    [`UPDATE "Statement" SET "snapshot" = '{}'::jsonb WHERE id = $1`, statementId],
    [`UPDATE "Statement" SET "settledAt" = NULL WHERE id = $1`, statementId],
    [`UPDATE "Statement" SET "settledAt" = now() WHERE id = $1`, statementId],
    [`DELETE FROM "Statement" WHERE id = $1`, statementId],
    [`UPDATE "StatementLine" SET "amountFen" = 0 WHERE id = $1`, line.id],
    [`DELETE FROM "StatementLine" WHERE id = $1`, line.id],
    [`UPDATE "Invoice" SET "amountFen" = 1 WHERE id = $1`, invoice.id],
    [`DELETE FROM "Invoice" WHERE id = $1`, invoice.id],
    [`UPDATE "CreditNote" SET "reason" = 'x' WHERE id = $1`, note.id],
    [`DELETE FROM "CreditNote" WHERE id = $1`, note.id],
    [`UPDATE "Payment" SET "amountFen" = 1 WHERE id = $1`, payment.id],
    [`DELETE FROM "Payment" WHERE id = $1`, payment.id],
    [`UPDATE "Allocation" SET "principalFen" = 0 WHERE id = $1`, allocation.id],
    [`DELETE FROM "Allocation" WHERE id = $1`, allocation.id],
  ];
  for (const [sql, id] of attempts) await expect(t.db.$executeRawUnsafe(sql, id), sql).rejects.toThrow(refused);
  expect((await t.db.statement.findUniqueOrThrow({ where: { id: statementId } })).totalFen).toBeGreaterThan(0);

  // Settlement bookkeeping is the one change allowed: settledAt from NULL to a time, carried late fees growing.
  const open = await t.db.statement.findFirstOrThrow({ where: { settledAt: null } });
  expect(
    await t.db.$executeRawUnsafe(
      `UPDATE "Statement" SET "lateFeeCarriedOutFen" = "lateFeeCarriedOutFen" + 5 WHERE id = $1`,
      open.id,
    ),
  ).toBe(1);
  await expect(
    t.db.$executeRawUnsafe(
      `UPDATE "Statement" SET "lateFeeCarriedOutFen" = "lateFeeCarriedOutFen" - 1 WHERE id = $1`,
      open.id,
    ),
  ).rejects.toThrow(refused);
  expect(await t.db.$executeRawUnsafe(`UPDATE "Statement" SET "settledAt" = now() WHERE id = $1`, open.id)).toBe(1);
  await expect(
    t.db.$executeRawUnsafe(`UPDATE "Statement" SET "settledAt" = now() + interval '1 day' WHERE id = $1`, open.id),
  ).rejects.toThrow(refused);
});
