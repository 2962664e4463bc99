// The PDF checked as a reader gets it: poppler's pdftotext / pdffonts / pdfinfo (poppler-utils,
// installed by .ci/setup) on the rendered bytes.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderContractPdf } from "./contract-pdf";
import { sampleContractTerms } from "./sample-terms";

const dir = mkdtempSync(path.join(tmpdir(), "qxt-contract-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function poppler(tool: "pdftotext" | "pdffonts" | "pdfinfo", file: string, ...args: string[]): string {
  const out = tool === "pdftotext" ? [file, "-"] : [file];
  return execFileSync(tool, [...args, ...out], { encoding: "utf8" });
}

function save(name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** Text as a reader's copy-and-paste gets it, with layout spacing removed. */
const compact = (text: string) => text.replace(/[ \u3000]+/g, "");

describe("a signed contract", () => {
  let pdf: Buffer;
  let file: string;
  let text: string;

  beforeAll(async () => {
    pdf = await renderContractPdf(sampleContractTerms());
    file = save("signed.pdf", pdf);
    text = poppler("pdftotext", file, "-layout");
  }, 30_000);

  test("is a PDF with the Chinese font embedded as a subset", () => {
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // The full font files are 10 MB each; a subset of the glyphs used keeps the document small.
    expect(pdf.length).toBeLessThan(2 * 1024 * 1024);
    const fonts = poppler("pdffonts", file);
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(fonts).not.toMatch(/Helvetica|Times|Courier/);
  });

  test("carries its metadata", () => {
    const info = poppler("pdfinfo", file);
    expect(info).toMatch(/Title:\s+邮政集团短信应用服务协议 QXT-HT-2026-0001/);
    expect(info).toMatch(/Author:\s+企信通/);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  });

  test("reads back with the parties, package, deposit and arbitration filled in", () => {
    // Paragraphs wrap, so compare with the line breaks taken out too.
    const flat = text.replace(/\s+/g, "");
    for (const expected of [
      "邮政集团短信应用服务协议",
      "示例市电子邮政局",
      "示例科技有限公司",
      "91350100M000100Y43",
      "已选用基础套餐",
      "收取乙方5000.00元（大写：伍仟元整）押金",
      "0.05%支付违约金",
      "2026年12月1日至2027年11月最后一日24：00",
      "示例市仲裁委员会仲裁解决",
      "甲方（盖章）：",
      "乙方（盖章）：",
      "乙方已于2026-11-2517:05（北京时间）在线确认本协议",
    ]) {
      expect(flat).toContain(expected);
    }
  });

  test("has the price table with every package", () => {
    const rows = text.split("\n").filter((line) => /套餐/.test(line) && /\d+\.\d{3}\s*$/.test(line));
    expect(rows.map((row) => row.trim().split(/\s{2,}/))).toEqual([
      ["基础套餐（已选用）", "100.00", "1000", "0.050"],
      ["标准套餐", "300.00", "5000", "0.045"],
      ["高级套餐", "800.00", "20000", "0.040"],
      ["自由套餐", "0.00", "0", "0.045"],
    ]);
  });

  test("ends with the signature page, and every page has the contract number and page count", () => {
    const pages = text.split("\f").filter((page) => page.trim() !== "");
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const last = compact(pages[pages.length - 1] ?? "");
    expect(last).toContain("(本页无正文，为合同签章页)");
    for (const label of [
      "甲方代表签名：王建国",
      "乙方代表签名：李明",
      "开户行：",
      "账号：",
      "签订地点：示例市",
      "2026年11月25日",
    ]) {
      expect(last).toContain(label);
    }
    pages.forEach((page, index) => {
      expect(compact(page)).toContain(`合同编号：QXT-HT-2026-0001版本2`);
      expect(compact(page)).toContain(`第${index + 1}页共${pages.length}页`);
    });
  });
});

describe("a preview", () => {
  test("says so and leaves what is not known yet blank", async () => {
    const pdf = await renderContractPdf(
      sampleContractTerms({ contractNumber: null, version: 1, signedOn: null, acceptedOnlineAt: null }),
    );
    const text = compact(poppler("pdftotext", save("preview.pdf", pdf), "-layout"));
    expect(text).toContain("合同编号：预览版本1");
    expect(text).not.toContain("QXT-HT");
    expect(text).not.toContain("在线确认");
    expect(text).not.toContain("2026年11月25日");
    expect(text).toContain("示例科技有限公司");
  }, 30_000);
});
