// Statement, settlement receipt and credit note PDFs as a reader gets them (poppler's pdftotext on the rendered bytes).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { renderCreditNotePdf, renderInvoicePdf, renderStatementPdf } from "./documents";

const dir = mkdtempSync(path.join(tmpdir(), "qxt-billing-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function text(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/[ \u3000]+/g, "");
}

test("the statement PDF shows its number, lines, total in figures and capitals, and the payment window", async () => {
  const pdf = await renderStatementPdf({
    number: "QXT-202611-000123",
    period: "2026-11",
    issuedAt: new Date("2026-11-30T16:10:00Z"),
    contractNumber: "QXT-HT-2026-0001",
    bureau: {
      name: "示例市电子邮政局",
      bankName: "中国邮政储蓄银行示例市分行",
      bankAccount: "9440 0001 2345 6789 012",
    },
    customer: { name: "示例科技有限公司", uscc: "91350100MA2Y3QXK7X" },
    packageName: "基础套餐",
    activeFrom: "2026-11-01",
    activeTo: "2026-11-30",
    usedSegments: 1_234,
    includedMessages: 1_000,
    lines: [
      { kind: "BASE_FEE", description: "基本月租 基础套餐", quantity: 1, unitPrice: 10_000, amountFen: 10_000 },
      {
        kind: "OVERAGE",
        description: "超出短信：用量 1234 条，赠送 1000 条，超出 234 条，每条 0.050 元",
        quantity: 234,
        unitPrice: 50,
        amountFen: 1_170,
      },
    ],
    totalFen: 11_170,
    windowStart: "2026-12-01",
    dueDate: "2026-12-15",
    graceEnd: "2026-12-25",
    lateFeeRatePpm: 500,
    taxRateBp: 600,
  });
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const out = text("statement.pdf", pdf);
  for (const expected of [
    "集团短信应用服务账单",
    // 111.70 includes 6 % VAT: 111.70 / 1.06 = 105.377… → 105.38, tax 6.32.
    "以上金额均为含税金额（增值税税率6%），其中税额¥6.32",
    "QXT-202611-000123",
    "示例科技有限公司",
    "100.00",
    "0.050",
    "11.70",
    "111.70",
    "壹佰壹拾壹元柒角",
    "2026-12-01至2026-12-15",
    "0.05%",
  ]) {
    expect(out).toContain(expected);
  }
});

test("the settlement receipt is titled 结算凭证, never 发票, and splits the amount paid into amount excluding tax and 6 % tax", async () => {
  const out = text(
    "receipt.pdf",
    await renderInvoicePdf({
      number: "QXT-FP-202612-000001",
      taxRateBp: 600,
      issuedOn: "2026-12-25",
      statementNumber: "QXT-202611-000123",
      period: "2026-11",
      seller: { name: "示例市电子邮政局", uscc: "12350100MB01234567" },
      buyer: { name: "示例科技有限公司", uscc: "91350100MA2Y3QXK7X" },
      amountFen: 11_226,
    }),
  );
  const firstLine = out
    .split("\n")
    .find((line) => line.trim() !== "")!
    .trim();
  expect(firstLine).toBe("结算凭证");
  // 112.26 / 1.06 = 105.905… → 105.91 excluding tax, 6.35 tax, 112.26 together.
  for (const expected of [
    "QXT-FP-202612-000001",
    "QXT-202611-000123",
    "105.91",
    "6%",
    "6.35",
    "112.26",
    "壹佰壹拾贰元贰角陆分",
    "2026-12-25",
    "不作为税务凭证",
  ])
    expect(out).toContain(expected);
  expect(out).not.toMatch(/^\s*发票\s*$/m);
  expect(out).not.toContain("发票号码");
});

test("the credit-note PDF shows its number, the statement it corrects, the amount and the reason", async () => {
  const out = text(
    "credit-note.pdf",
    await renderCreditNotePdf({
      number: "QXT-CN-2026-000007",
      issuedOn: "2026-12-18",
      contractNumber: "QXT-HT-2026-0002",
      statementNumber: "QXT-202611-000002",
      period: "2026-11",
      statementTotalFen: 30_000,
      bureau: { name: "示例市电子邮政局" },
      customer: { name: "远景贸易有限公司", uscc: "91350100MA2Y3QXK8Y" },
      amountFen: 5_050,
      reason: "11 月 3 日通道中断 4 小时，补偿",
    }),
  );
  for (const expected of [
    "贷项通知单",
    "QXT-CN-2026-000007",
    "2026-12-18",
    "QXT-HT-2026-0002",
    "QXT-202611-000002（2026-11，原账单金额¥300.00）",
    "-50.50",
    "伍拾元伍角",
    "11月3日通道中断4小时，补偿",
    "远景贸易有限公司",
  ]) {
    expect(out).toContain(expected);
  }
});
