// Customers for the period close, built set-based (bench:close and the close integration test):
// n enterprises with a contract each, a mix of packages, mid-month starts, terminations, suspensions,
// package changes effective 1 November, contracts signed at an older price version, adjustments,
// overpayments, and October and November metered day by day (every tenth contract none).
import type { Db } from "../db";

/** The generated customers, one contract each; i runs 1..CONTRACTS. */
export async function buildCloseData(db: Db, n: number) {
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
