// The bounds and order of a contract's terms hold alike for the bureau's default terms and a negotiated contract.
import { describe, expect, test } from "vitest";
import { bureauConfigInput } from "../bureau/config";
import { usccCheckCharacter } from "../enterprises/uscc";
import { negotiableTermsInput } from "./inputs";

const terms = {
  paymentWindowStartDay: 1,
  paymentWindowEndDay: 15,
  graceDays: 10,
  lateFeeRatePpm: 500,
  suspensionAfterDays: 30,
  changeCutoffDay: 20,
  renewalYears: 1,
  objectionNoticeDays: 30,
  arbitrationCommission: "福州仲裁委员会",
  depositFen: 10_000_000_000,
  freePackageDailyCap: 1_000,
  signingPlace: "福州",
};
const bureau = {
  name: "某某通信管理局",
  legalRepresentative: "张三",
  address: "福州市鼓楼区",
  phone: "0591-12345678",
  uscc: `91350100MA2Y3QXK9${usccCheckCharacter("91350100MA2Y3QXK9")}`,
  bankName: "某银行",
  bankAccount: "123456",
  ...terms,
};
const contract = { startDate: "2026-12-01", endDate: "2027-11-30", ...terms };
const schemas = [
  ["bureau defaults", bureauConfigInput, bureau],
  ["negotiated terms", negotiableTermsInput, contract],
] as const;
const failedPaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.success ? [] : (result.error?.issues ?? []).map((i) => i.path.join("."));

describe.each(schemas)("%s", (_, schema, valid) => {
  test("accept terms within bounds; the deposit may be 100,000,000.00 元, not a fen more", () => {
    expect(schema.safeParse(valid).success).toBe(true);
    expect(failedPaths(schema.safeParse({ ...valid, depositFen: 10_000_000_001 }))).toEqual(["depositFen"]);
  });

  test("refuse a payment window that ends before it starts and a suspension inside the grace period, both at once", () => {
    const result = schema.safeParse({ ...valid, paymentWindowStartDay: 16, suspensionAfterDays: 9 });
    expect(failedPaths(result)).toEqual(["paymentWindowEndDay", "suspensionAfterDays"]);
    expect(failedPaths(schema.safeParse({ ...valid, suspensionAfterDays: 10 }))).toEqual([]);
  });

  test("refuse days beyond the 28th, grace over 90 days and a blank signing place", () => {
    expect(
      failedPaths(
        schema.safeParse({ ...valid, changeCutoffDay: 29, graceDays: 91, suspensionAfterDays: 100, signingPlace: " " }),
      ),
    ).toEqual(["graceDays", "changeCutoffDay", "signingPlace"]);
  });
});
