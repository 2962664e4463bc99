import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { ContractTerms } from "./terms";
import { type AgreementDocument, agreementPlainText, agreementSections, fenInFigures, ppmAsPercent } from "./agreement";
import { SAMPLE_CATALOGUE, sampleContractTerms } from "./sample-terms";
import { BLANK, type Paragraph, paragraphText } from "../documents/text";

const text = (overrides: Partial<ContractTerms> = {}) =>
  agreementPlainText(agreementSections(sampleContractTerms(overrides)));
const free = SAMPLE_CATALOGUE.find((row) => row.isFree);

/** Every filled value put back to "_____" and the price rows dropped: what the template itself says. */
function asTemplate(doc: AgreementDocument): string {
  const template = JSON.parse(JSON.stringify(doc), (key, value: unknown) => {
    if (key === "rows") return [];
    if (value && typeof value === "object" && (value as { filled?: boolean }).filled) return { text: BLANK };
    return value;
  }) as AgreementDocument;
  // The first line is the document's own reference (合同编号), not part of the template.
  return agreementPlainText(template).split("\n").slice(1).join("\n");
}

describe("the agreement follows the template verbatim", () => {
  // The agreement as the bureau wrote it (../shared/seeds), blanks and all.
  const seed = readFileSync(path.join(import.meta.dirname, "agreement.seed.txt"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

  test("with names stored without their template suffixes", () => {
    const doc = agreementSections(
      sampleContractTerms({
        bureau: { ...sampleContractTerms().bureau, name: "示例市" },
        arbitrationCommission: "示例市",
        package: { ...(SAMPLE_CATALOGUE[0] as ContractTerms["package"]), nameZh: "基础" },
        acceptedOnlineAt: null,
      }),
    );
    expect(seed.length).toBeGreaterThan(50);
    expect(asTemplate(doc).split("\n")).toEqual(seed);
  });

  test("every blank is filled when every value is given", () => {
    const plain = text();
    expect(plain).not.toContain(BLANK);
    expect(plain).not.toMatch(/undefined|null|NaN/);
  });
});

describe("filled values", () => {
  test("parties, from the terms", () => {
    const doc = agreementSections(sampleContractTerms());
    expect(doc.title).toBe("邮政集团短信应用服务协议");
    expect(doc.parties.map((p) => p.role)).toEqual(["甲方", "乙方"]);
    const customer = Object.fromEntries(doc.parties[1].lines.map((l) => [l.label, paragraphText(l.value)]));
    expect(customer).toEqual({
      乙方: "示例科技有限公司",
      法定代表人: "李明",
      住所: "示例市软件大道 89 号 8 号楼",
      联系电话: "0591-83334444",
      统一社会信用代码: "91350100M000100Y43",
    });
  });

  test("filled blanks are marked so the preview and the PDF can emphasise them", () => {
    const doc = agreementSections(sampleContractTerms());
    const billing = doc.sections[1]?.blocks ?? [];
    const deposit = billing.find((b) => b.kind === "clause" && b.number === "5");
    if (deposit?.kind !== "clause") throw new Error("clause 二 5 missing");
    expect(deposit.text.filter((s) => s.filled).map((s) => s.text)).toEqual(["5000.00", "伍仟元整"]);
    expect(deposit.text.filter((s) => !s.filled).every((s) => !s.blank)).toBe(true);
  });

  test("deposit in figures without separators and in capitals", () => {
    expect(text()).toContain("收取乙方5000.00元（大写：伍仟元整）押金");
    expect(text({ depositFen: 1_234_567 })).toContain("收取乙方12345.67元（大写：壹万贰仟叁佰肆拾伍元陆角柒分）押金");
    expect(fenInFigures(500_000)).toBe("5000.00");
  });

  test("late fee as a percent without trailing zeros", () => {
    expect(ppmAsPercent(500)).toBe("0.05");
    expect(ppmAsPercent(1000)).toBe("0.1");
    expect(ppmAsPercent(10_000)).toBe("1");
    expect(ppmAsPercent(12_345)).toBe("1.2345");
    expect(ppmAsPercent(0)).toBe("0");
    expect(() => ppmAsPercent(-1)).toThrow(RangeError);
    expect(text({ lateFeeRatePpm: 1000 })).toContain("按所欠费用的0.1%支付违约金");
  });

  test("payment window, grace, suspension and change cutoff", () => {
    const plain = text({
      paymentWindowStartDay: 5,
      paymentWindowEndDay: 20,
      graceDays: 7,
      suspensionAfterDays: 45,
      changeCutoffDay: 25,
    });
    expect(plain).toContain("乙方应在每月5日至20日缴清上一计费周期短消息下行费用");
    expect(plain).toContain("甲方将给予乙方7天宽限期");
    expect(plain).toContain("超过45日后，甲方有权暂停乙方企信通短信应用服务");
    expect(plain).toContain("于每月的25日前以填写《业务变更记录表》的形式确认");
  });

  test("validity from the start date to the end month's last day at 24:00, dates not zero-padded", () => {
    expect(text()).toContain("协议有效期为2026年12月1日至2027年11月最后一日24：00。");
    expect(
      text({ startDate: { year: 2027, month: 1, day: 15 }, endDate: { year: 2029, month: 2, day: 28 } }),
    ).toContain("协议有效期为2027年1月15日至2029年2月最后一日24：00。");
  });

  test("renewal, objection notice and arbitration", () => {
    const plain = text({ renewalYears: 2, objectionNoticeDays: 60 });
    expect(plain).toContain("协议有效期可顺延2年；若一方有异议，须提前60天向对方提出。");
    expect(plain).toContain("双方均有权提交示例市仲裁委员会仲裁解决。");
  });

  test("daily caps: the chosen package's and the free package's", () => {
    expect(text()).toContain("设定每日最大发送量为赠送短信数量1000条。如果选择自由套餐，企业日最大发送量为500条。");
    // A customer on the free package sees that package's own cap in the first blank too.
    if (!free) throw new Error("no free package in the sample catalogue");
    expect(text({ package: { ...free, dailyCap: 800 }, freePackageDailyCap: 800 })).toContain(
      "设定每日最大发送量为赠送短信数量800条。如果选择自由套餐，企业日最大发送量为800条。",
    );
  });

  test("the price table lists the catalogue and marks the chosen package", () => {
    const doc = agreementSections(sampleContractTerms({ package: SAMPLE_CATALOGUE[1] as ContractTerms["package"] }));
    const table = doc.sections[1]?.blocks.find((b) => b.kind === "priceTable");
    if (table?.kind !== "priceTable") throw new Error("price table missing");
    expect(table.table.columns).toEqual(["套餐项目", "基本月租 (元)", "赠送短信量 (条)", "超出后收费 (元/条)"]);
    expect(table.table.rows.map((r) => r.cells)).toEqual([
      ["基础套餐", "100.00", "1000", "0.050"],
      ["标准套餐", "300.00", "5000", "0.045"],
      ["高级套餐", "800.00", "20000", "0.040"],
      ["自由套餐", "0.00", "0", "0.045"],
    ]);
    expect(table.table.rows.filter((r) => r.chosen).map((r) => r.code)).toEqual(["STANDARD"]);
    expect(agreementPlainText(doc)).toContain("请在此注明已选用标准套餐，如乙方需要更改套餐");
  });

  test("signature page: seals, representatives, banks, place and date for both parties", () => {
    const plain = text();
    for (const line of [
      "甲方（盖章）： 示例市电子邮政局",
      "乙方（盖章）： 示例科技有限公司",
      "甲方代表签名： 王建国",
      "乙方代表签名： 李明",
      "开户行： 中国邮政储蓄银行示例市分行",
      "开户行： 中国工商银行示例市软件园支行",
      "账号： 9440 0001 2345 6789 012",
      "账号： 1402 0212 0910 0123 456",
      "签订地点： 示例市",
    ]) {
      expect(plain.split("\n")).toContain(line);
    }
    expect(plain.split("\n").filter((l) => l === "2026年11月25日")).toHaveLength(2);
  });

  test("online acceptance is noted under 乙方, in China time", () => {
    const doc = agreementSections(sampleContractTerms({ acceptedOnlineAt: new Date("2026-11-30T16:30:00Z") }));
    expect(doc.signaturePage.parties[1].onlineAcceptance).toBe("乙方已于 2026-12-01 00:30（北京时间）在线确认本协议");
    expect(doc.signaturePage.parties[0].onlineAcceptance).toBeNull();
    expect(text({ acceptedOnlineAt: null })).not.toContain("在线确认");
  });

  test("contract number and version in the header", () => {
    const doc = agreementSections(sampleContractTerms());
    expect(paragraphText(doc.header)).toBe("合同编号：QXT-HT-2026-0001　版本 2");
    expect(doc.preview).toBe(false);
  });
});

describe("the 电子邮政局 suffix", () => {
  const bureau = sampleContractTerms().bureau;

  test("a full name is printed whole, not doubled", () => {
    const plain = text({ bureau: { ...bureau, name: "示例市电子邮政局" } });
    expect(plain).toContain("甲方：示例市电子邮政局\n");
    expect(plain).not.toContain("电子邮政局电子邮政局");
    expect(plain).toContain("，示例市邮政为乙方用户提供“企业短信通”");
    expect(plain).toContain("甲方（盖章）： 示例市电子邮政局");
  });

  test("a name without it gets the template's suffix", () => {
    const doc = agreementSections(sampleContractTerms({ bureau: { ...bureau, name: "示例市" } }));
    const nameLine = doc.parties[0].lines[0]?.value as Paragraph;
    expect(nameLine).toEqual([{ text: "示例市", filled: true }, { text: "电子邮政局" }]);
    const plain = agreementPlainText(doc);
    expect(plain).toContain("甲方：示例市电子邮政局\n");
    expect(plain).toContain("，示例市邮政为乙方用户提供");
    expect(plain).toContain("甲方（盖章）： 示例市电子邮政局");
  });

  test("the same for 仲裁委员会 and 套餐", () => {
    expect(text({ arbitrationCommission: "示例市" })).toContain("提交示例市仲裁委员会仲裁解决");
    expect(text({ arbitrationCommission: "示例市仲裁委员会" })).not.toContain("仲裁委员会仲裁委员会");
    expect(text()).not.toContain("套餐套餐");
  });
});

describe("preview", () => {
  const preview = () =>
    agreementSections(
      sampleContractTerms({
        contractNumber: null,
        version: 1,
        signedOn: null,
        acceptedOnlineAt: null,
        customer: { ...sampleContractTerms().customer, bankAccount: "  " },
      }),
    );

  test("no contract number yet: marked as a preview", () => {
    const doc = preview();
    expect(doc.preview).toBe(true);
    expect(paragraphText(doc.header)).toBe("合同编号：预览　版本 1");
  });

  test("unknown values stay blank, as the template prints them", () => {
    const doc = preview();
    const [bureau, customer] = doc.signaturePage.parties;
    expect(paragraphText(bureau.date)).toBe("_____年_____月_____日");
    expect(paragraphText(customer.date)).toBe("_____年_____月_____日");
    expect(customer.date.filter((s) => s.blank)).toHaveLength(3);
    expect(customer.bankAccount.value).toEqual([{ text: BLANK, blank: true }]);
    expect(agreementPlainText(doc)).toContain("账号： _____");
    // What is known is filled all the same.
    expect(agreementPlainText(doc)).toContain("收取乙方5000.00元（大写：伍仟元整）押金");
  });
});
