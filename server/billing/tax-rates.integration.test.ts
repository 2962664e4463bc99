// The VAT rate (issue 17 item 8): FINANCE / bureau admins set it from a future date, audited; each
// settlement receipt freezes the rate in force on its day, and its PDF prints that rate and the tax.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { SYSTEM_ACTOR } from "../audit/log";
import { appCodeOf } from "../api/trpc";
import { appCode, callerFor, trpcCode, trpcError } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { closePeriod } from "./close";
import { billingPdfFor } from "./documents";
import { recordPayment } from "./payments";
import { setTaxRate, taxRateOn } from "./tax-rates";

let t: TestDatabase;
const cn = (local: string) => new Date(`${local}+08:00`);
const NOW = cn("2026-12-10T10:00:00");
const dir = mkdtempSync(path.join(tmpdir(), "qxt-tax-"));

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T00:10:00") });
});
afterAll(async () => t.drop());

async function pay(period: string, on: string) {
  const s = await t.db.statement.findFirstOrThrow({
    where: { contract: { number: "QXT-HT-2026-0001" }, period },
  });
  await recordPayment(
    t.db,
    SYSTEM_ACTOR,
    { contractId: s.contractId, amountFen: s.totalFen, method: "BANK_TRANSFER", reference: `T-${on}`, receivedOn: on },
    cn(`${on}T10:00:00`),
  );
  return t.db.invoice.findUniqueOrThrow({ where: { statementId: s.id } });
}

test("only FINANCE and bureau admins set the rate; never for a day that has begun; audited", async () => {
  const input = { rateBp: 300, effectiveOn: "2026-12-15" };
  for (const email of ["admin@demo.example.com", "operator@demo.example.com", "sales@bureau.example.com"]) {
    expect(await trpcCode((await callerFor(t.db, email, { now: NOW })).billing.bureau.setTaxRate(input))).toBe(
      "FORBIDDEN",
    );
  }
  const finance = await callerFor(t.db, "finance@bureau.example.com", { now: NOW });
  expect(appCodeOf(await trpcError(finance.billing.bureau.setTaxRate({ ...input, effectiveOn: "2026-12-10" })))).toBe(
    "TAX_RATE_EFFECTIVE_IN_PAST",
  );
  expect(await trpcCode(finance.billing.bureau.setTaxRate({ ...input, rateBp: 10_001 }))).toBe("BAD_REQUEST");
  expect(await appCode(setTaxRate(t.db, SYSTEM_ACTOR, { rateBp: 6.5, effectiveOn: "2026-12-20" }, NOW))).toBe(
    "TAX_RATE_INVALID",
  );
  await finance.billing.bureau.setTaxRate(input);
  expect(await finance.billing.bureau.taxRates()).toEqual([
    expect.objectContaining({ rateBp: 300, effectiveOn: "2026-12-15" }),
    expect.objectContaining({ rateBp: 600, effectiveOn: "2000-01-01" }),
  ]);
  const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "billing.taxRate.set" } });
  expect(audit.detail).toEqual({ effectiveOn: "2026-12-15", from: null, to: 300 });
  expect(await taxRateOn(t.db, { year: 2026, month: 12, day: 14 })).toBe(600);
  expect(await taxRateOn(t.db, { year: 2026, month: 12, day: 15 })).toBe(300);
});

test("a receipt freezes the rate of its day and its PDF prints the split: 6 % before the change, 3 % after", async () => {
  const before = await pay("2026-11", "2026-12-10");
  await closePeriod(t.db, { period: "2026-12", now: cn("2027-01-01T00:10:00") });
  const after = await pay("2026-12", "2027-01-05");
  expect([before.taxRateBp, after.taxRateBp]).toEqual([600, 300]);
  const text = async (id: string) => {
    const { pdf, fileName } = await billingPdfFor(t.db, { role: "FINANCE", enterpriseId: null }, "invoice", id);
    expect(fileName).toMatch(/^结算凭证-/);
    const file = path.join(dir, `${id}.pdf`);
    writeFileSync(file, pdf);
    return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/[ \u3000]+/g, "");
  };
  // 100.00 元 at 6 %: 94.34 + 5.66.
  const first = await text(before.id);
  expect(before.amountFen).toBe(10_000);
  for (const expected of ["结算凭证", "94.34", "6%", "5.66", "100.00"]) expect(first).toContain(expected);
  const second = await text(after.id);
  // 100.00 元 at 3 %: 97.09 + 2.91.
  expect(after.amountFen).toBe(10_000);
  for (const expected of ["结算凭证", "97.09", "3%", "2.91", "100.00"]) expect(second).toContain(expected);
  expect(second).not.toContain("6%");
  // The customer's statement list shows the VAT included in each total, at the rate of its issue day.
  const customer = await callerFor(t.db, "admin@demo.example.com", { now: cn("2027-01-06T10:00:00") });
  expect((await customer.billing.statements()).map((s) => [s.period, s.totalFen, s.taxRateBp, s.taxFen])).toEqual([
    ["2026-12", 10_000, 300, 291],
    ["2026-11", 10_000, 600, 566],
  ]);
});
