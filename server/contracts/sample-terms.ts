// A realistic signed contract's terms (the demo bureau and 示例科技有限公司), for the documents'
// tests and for looking at a rendering by hand. Values match prisma/demo-data.ts.
import type { ContractTerms, PackageRow } from "./terms";

export const SAMPLE_CATALOGUE: PackageRow[] = [
  {
    code: "BASIC",
    nameZh: "基础套餐",
    isFree: false,
    baseFeeFen: 10_000,
    includedMessages: 1_000,
    overagePriceLi: 50,
    dailyCap: 1_000,
  },
  {
    code: "STANDARD",
    nameZh: "标准套餐",
    isFree: false,
    baseFeeFen: 30_000,
    includedMessages: 5_000,
    overagePriceLi: 45,
    dailyCap: 5_000,
  },
  {
    code: "PREMIUM",
    nameZh: "高级套餐",
    isFree: false,
    baseFeeFen: 80_000,
    includedMessages: 20_000,
    overagePriceLi: 40,
    dailyCap: 20_000,
  },
  {
    code: "FREE",
    nameZh: "自由套餐",
    isFree: true,
    baseFeeFen: 0,
    includedMessages: 0,
    overagePriceLi: 45,
    dailyCap: 500,
  },
];

const basic = SAMPLE_CATALOGUE[0] as PackageRow;

export function sampleContractTerms(overrides: Partial<ContractTerms> = {}): ContractTerms {
  return {
    contractNumber: "QXT-HT-2026-0001",
    version: 2,
    bureau: {
      name: "示例市电子邮政局",
      legalRepresentative: "王建国",
      address: "示例市鼓楼区五四路 100 号",
      phone: "0591-87654321",
      uscc: "12350100MB01234562",
      bankName: "中国邮政储蓄银行示例市分行",
      bankAccount: "9440 0001 2345 6789 012",
    },
    customer: {
      name: "示例科技有限公司",
      legalRepresentative: "李明",
      address: "示例市软件大道 89 号 8 号楼",
      phone: "0591-83334444",
      uscc: "91350100M000100Y43",
      bankName: "中国工商银行示例市软件园支行",
      bankAccount: "1402 0212 0910 0123 456",
    },
    package: basic,
    catalogue: SAMPLE_CATALOGUE,
    freePackageDailyCap: 500,
    paymentWindowStartDay: 1,
    paymentWindowEndDay: 15,
    graceDays: 10,
    lateFeeRatePpm: 500,
    suspensionAfterDays: 30,
    depositFen: 500_000,
    changeCutoffDay: 20,
    startDate: { year: 2026, month: 12, day: 1 },
    endDate: { year: 2027, month: 11, day: 30 },
    renewalYears: 1,
    objectionNoticeDays: 30,
    arbitrationCommission: "示例市仲裁委员会",
    signingPlace: "示例市",
    signedOn: { year: 2026, month: 11, day: 25 },
    acceptedOnlineAt: new Date("2026-11-25T09:05:00Z"),
    ...overrides,
  };
}
