// Issue 13 item 1: the bureau manages its package catalogue (二 1). Against a real database on a clock
// the tests control: BUREAU_ADMIN alone creates packages, publishes price versions (a future 1st of a
// month only) and takes packages off sale, each change audited; a price version published in November
// for 1 December bills November at the old price and December at the new on a contract that has run
// since January; a withdrawn package is no longer offered but its contracts keep billing on it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import type { Actor } from "../audit/log";
import { parseChinaDate, toChinaDate, toDbDate } from "../clock";
import { closePeriod } from "../billing/close";
import { packageHistory, packageInForce, submitPackageChange } from "../billing/package-changes";
import { catalogueRows } from "../contracts/terms-service";
import { actorFor, appCode, callerFor, trpcCode } from "../testing/callers";
import { contractFixture } from "../testing/contracts";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { createPackage, publishPriceVersion, setForSale, withdrawPriceVersion } from "./catalogue";
import { listPackages } from "./prices";

let t: TestDatabase;
let admin: Actor;

/** An instant given in China time. */
const cn = (local: string) => new Date(`${local}+08:00`);
const NOV = cn("2026-11-10T10:00:00");

const terms = { baseFeeFen: 20_000, includedMessages: 1_000, overagePriceLi: 50, dailyCap: 2_000 };

/** An enterprise with an ACTIVE contract on the package (at its first price version) since `start`, and its admin. */
async function customerOn(packageCode: string, start: string) {
  const { contract, enterprise, user } = await contractFixture(t.db, packageCode, {
    prefix: "CATALOG",
    start,
    priceVersion: "first",
  });
  return {
    contract,
    enterprise,
    customer: {
      userId: user.id,
      role: "CUSTOMER_ADMIN" as const,
      enterpriseId: enterprise.id,
      ip: null,
      userAgent: "vitest",
    },
  };
}

const used = (enterpriseId: string, day: string, segments: number) =>
  t.db.dailyUsage.create({ data: { enterpriseId, day: toDbDate(parseChinaDate(day)), submittedSegments: segments } });

const statementOf = (contractId: string, period: string) =>
  t.db.statement.findUniqueOrThrow({
    where: { contractId_period: { contractId, period } },
    include: { lines: { orderBy: { seq: "asc" } } },
  });

const auditOf = (entityId: string) => t.db.auditLog.findMany({ where: { entityId }, orderBy: { at: "asc" } });

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  admin = await actorFor(t.db, "admin@bureau.example.com");
});
afterAll(async () => t?.drop());

describe("who may change the catalogue", () => {
  test("SALES, FINANCE, COMPLIANCE, a customer and the signed-out are refused; BUREAU_ADMIN creates, publishes and withdraws", async () => {
    const input = { code: "ROLES1", nameZh: "权限套餐", nameEn: "Roles", ...terms };
    for (const email of [
      "sales@bureau.example.com",
      "finance@bureau.example.com",
      "compliance@bureau.example.com",
      "admin@demo.example.com",
    ]) {
      const caller = await callerFor(t.db, email, { now: NOV });
      expect(await trpcCode(caller.packages.create(input))).toBe("FORBIDDEN");
    }
    expect(await trpcCode((await callerFor(t.db, null, { now: NOV })).packages.create(input))).toBe("UNAUTHORIZED");
    expect(await t.db.package.count({ where: { code: "ROLES1" } })).toBe(0);

    const bureauAdmin = await callerFor(t.db, "admin@bureau.example.com", { now: NOV });
    const created = await bureauAdmin.packages.create(input);
    const sales = await callerFor(t.db, "sales@bureau.example.com", { now: NOV });
    expect(
      await trpcCode(sales.packages.publishPrice({ packageId: created.id, ...terms, effectiveOn: "2026-12-01" })),
    ).toBe("FORBIDDEN");
    expect(await trpcCode(sales.packages.setForSale({ packageId: created.id, forSale: false }))).toBe("FORBIDDEN");
    expect(
      await bureauAdmin.packages.publishPrice({
        packageId: created.id,
        ...terms,
        baseFeeFen: 25_000,
        effectiveOn: "2026-12-01",
      }),
    ).toMatchObject({ version: 2, effectiveOn: "2026-12-01" });
    expect(await trpcCode(sales.packages.withdrawPrice({ packageId: created.id, version: 2 }))).toBe("FORBIDDEN");
    await bureauAdmin.packages.withdrawPrice({ packageId: created.id, version: 2 });
    expect(await t.db.packagePrice.count({ where: { packageId: created.id } })).toBe(1);
    expect((await auditOf(created.id)).map((a) => [a.action, a.actorRole])).toEqual([
      ["packages.created", "BUREAU_ADMIN"],
      ["packages.price.published", "BUREAU_ADMIN"],
      ["packages.price.withdrawn", "BUREAU_ADMIN"],
    ]);
  });
});

describe("creating a package", () => {
  test("stores the terms as version 1 from today (fen and 厘), audited", async () => {
    const { id } = await createPackage(
      t.db,
      admin,
      {
        code: "NEW1",
        nameZh: "新套餐",
        nameEn: "New",
        baseFeeFen: 12_345,
        includedMessages: 3_000,
        overagePriceLi: 45,
        dailyCap: 3_000,
      },
      NOV,
    );
    const pkg = await t.db.package.findUniqueOrThrow({ where: { id }, include: { prices: true } });
    expect(pkg).toMatchObject({ code: "NEW1", nameZh: "新套餐", nameEn: "New", active: true, isFree: false });
    expect(
      pkg.prices.map((p) => ({
        v: p.version,
        from: p.effectiveFrom.toISOString().slice(0, 10),
        fee: p.baseFeeFen,
        inc: p.includedMessages,
        li: p.overagePriceLi,
        cap: p.dailyCap,
      })),
    ).toEqual([{ v: 1, from: "2026-11-10", fee: 12_345, inc: 3_000, li: 45, cap: 3_000 }]);
    const [audit] = await auditOf(id);
    expect(audit).toMatchObject({ action: "packages.created", actorId: admin.userId, entityType: "Package" });
    expect(audit!.detail).toMatchObject({ code: "NEW1", baseFeeFen: 12_345, overagePriceLi: 45, forSale: true });
  });

  test("refuses a taken code, negative money, fractional fen, a zero cap and a free package with a base fee", async () => {
    const base = { nameZh: "坏套餐", nameEn: "Bad", ...terms };
    expect(await appCode(createPackage(t.db, admin, { ...base, code: "BASIC" }, NOV))).toBe("PACKAGE_CODE_TAKEN");
    expect(await appCode(createPackage(t.db, admin, { ...base, code: "BAD1", baseFeeFen: -1 }, NOV))).toBe(
      "PACKAGE_TERMS_INVALID",
    );
    expect(await appCode(createPackage(t.db, admin, { ...base, code: "BAD2", overagePriceLi: -5 }, NOV))).toBe(
      "PACKAGE_TERMS_INVALID",
    );
    expect(await appCode(createPackage(t.db, admin, { ...base, code: "BAD3", baseFeeFen: 100.5 }, NOV))).toBe(
      "PACKAGE_TERMS_INVALID",
    );
    expect(await appCode(createPackage(t.db, admin, { ...base, code: "BAD4", dailyCap: 0 }, NOV))).toBe(
      "PACKAGE_TERMS_INVALID",
    );
    expect(await appCode(createPackage(t.db, admin, { ...base, code: "BAD5", isFree: true }, NOV))).toBe(
      "PACKAGE_TERMS_INVALID",
    );
    expect(await t.db.package.count({ where: { code: { startsWith: "BAD" } } })).toBe(0);
  });
});

describe("publishing a price version", () => {
  test("effective only on a 1st of a month strictly after today in China, after the latest version", async () => {
    const { id } = await createPackage(
      t.db,
      admin,
      { code: "PUB1", nameZh: "发布套餐", nameEn: "Publish", ...terms },
      NOV,
    );
    const at = (effectiveOn: string, now = NOV) =>
      appCode(publishPriceVersion(t.db, admin, id, { ...terms, effectiveOn }, now));
    expect(await at("2026-12-15")).toBe("PRICE_EFFECTIVE_NOT_FIRST");
    expect(await at("2026-12-32")).toBe("PRICE_EFFECTIVE_NOT_FIRST");
    expect(await at("2026-11-01")).toBe("PRICE_EFFECTIVE_IN_PAST");
    expect(await at("2026-01-01")).toBe("PRICE_EFFECTIVE_IN_PAST");
    // 1 December 00:30 in China is still 30 November in UTC: the 1st has begun, so it is the past.
    expect(await at("2026-12-01", cn("2026-12-01T00:30:00"))).toBe("PRICE_EFFECTIVE_IN_PAST");
    expect(
      await appCode(
        publishPriceVersion(t.db, admin, id, { ...terms, overagePriceLi: -1, effectiveOn: "2027-01-01" }, NOV),
      ),
    ).toBe("PACKAGE_TERMS_INVALID");
    expect(
      await appCode(publishPriceVersion(t.db, admin, "no-such-package", { ...terms, effectiveOn: "2027-01-01" }, NOV)),
    ).toBe("NOT_FOUND");
    // 30 November 23:59 China time: 1 December is still ahead.
    expect(
      await publishPriceVersion(
        t.db,
        admin,
        id,
        { ...terms, baseFeeFen: 30_000, effectiveOn: "2027-02-01" },
        cn("2026-11-30T23:59:00"),
      ),
    ).toMatchObject({ version: 2 });
    expect(await at("2027-01-01")).toBe("PRICE_VERSION_NOT_AFTER_LATEST");
    expect(await at("2027-02-01")).toBe("PRICE_VERSION_NOT_AFTER_LATEST");
    expect(await t.db.packagePrice.count({ where: { packageId: id } })).toBe(2);
    const published = (await auditOf(id)).filter((a) => a.action === "packages.price.published");
    expect(published).toHaveLength(1);
    expect(published[0]!.detail).toMatchObject({
      version: 2,
      effectiveOn: "2027-02-01",
      baseFeeFen: 30_000,
      previous: { version: 1, baseFeeFen: 20_000 },
    });
  });

  test("a version in force, or not the latest, cannot be withdrawn", async () => {
    const { id } = await createPackage(
      t.db,
      admin,
      { code: "WD1", nameZh: "撤回套餐", nameEn: "Withdraw", ...terms },
      NOV,
    );
    await publishPriceVersion(t.db, admin, id, { ...terms, effectiveOn: "2026-12-01" }, NOV);
    await publishPriceVersion(t.db, admin, id, { ...terms, effectiveOn: "2027-01-01" }, NOV);
    expect(await appCode(withdrawPriceVersion(t.db, admin, id, 1, NOV))).toBe("PRICE_VERSION_IN_FORCE");
    expect(await appCode(withdrawPriceVersion(t.db, admin, id, 2, NOV))).toBe("PRICE_VERSION_IN_FORCE");
    expect(await appCode(withdrawPriceVersion(t.db, admin, id, 3, cn("2027-01-01T00:00:01")))).toBe(
      "PRICE_VERSION_IN_FORCE",
    );
    expect(await appCode(withdrawPriceVersion(t.db, admin, id, 9, NOV))).toBe("NOT_FOUND");
    await withdrawPriceVersion(t.db, admin, id, 3, NOV);
    expect((await t.db.packagePrice.findMany({ where: { packageId: id } })).map((p) => p.version).sort()).toEqual([
      1, 2,
    ]);
  });
});

describe("a price change mid-contract", () => {
  test("published in November for 1 December: November bills the old price, December the new; the cap follows on the 1st", async () => {
    const { id } = await createPackage(
      t.db,
      admin,
      { code: "MID1", nameZh: "调价套餐", nameEn: "Repriced", ...terms, effectiveOn: null },
      cn("2026-01-01T09:00:00"),
    );
    const { contract, enterprise } = await customerOn("MID1", "2026-01-01");
    await publishPriceVersion(
      t.db,
      admin,
      id,
      { baseFeeFen: 25_000, includedMessages: 800, overagePriceLi: 45, dailyCap: 3_000, effectiveOn: "2026-12-01" },
      NOV,
    );
    await used(enterprise.id, "2026-11-20", 1_500);
    await used(enterprise.id, "2026-12-05", 1_500);

    expect((await packageInForce(t.db, contract.id, parseChinaDate("2026-11-30"))).terms).toEqual(terms);
    expect((await packageInForce(t.db, contract.id, parseChinaDate("2026-12-01"))).terms).toEqual({
      baseFeeFen: 25_000,
      includedMessages: 800,
      overagePriceLi: 45,
      dailyCap: 3_000,
    });
    expect((await packageInForce(t.db, contract.id, parseChinaDate("2026-12-01"))).price.version).toBe(2);
    // The contract's history: one term per version, the new one without a change form.
    expect(
      (await packageHistory(t.db, contract.id, parseChinaDate("2026-12-31"))).map((h) => [
        h.from,
        h.to,
        h.price.version,
        h.changeId,
      ]),
    ).toEqual([
      ["2026-01-01", "2026-11-30", 1, null],
      ["2026-12-01", null, 2, null],
    ]);
    // Before 1 December the version to come is not yet history.
    expect((await packageHistory(t.db, contract.id, parseChinaDate("2026-11-30"))).map((h) => h.price.version)).toEqual(
      [1],
    );

    await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T00:10:00") });
    const nov = await statementOf(contract.id, "2026-11");
    // 200.00 元 + (1,500 − 1,000) × 0.050 元 = 25.00 元
    expect(nov.lines.map((l) => [l.kind, l.unitPrice, l.quantity, l.amountFen])).toEqual([
      ["BASE_FEE", 20_000, 1, 20_000],
      ["OVERAGE", 50, 500, 2_500],
    ]);
    await closePeriod(t.db, { period: "2026-12", now: cn("2027-01-01T00:10:00") });
    const dec = await statementOf(contract.id, "2026-12");
    // 250.00 元 + (1,500 − 800) × 0.045 元 = 31.50 元 (and November's unpaid late fee carried, not priced here)
    expect(
      dec.lines.filter((l) => l.kind !== "LATE_FEE_CARRIED").map((l) => [l.kind, l.unitPrice, l.quantity, l.amountFen]),
    ).toEqual([
      ["BASE_FEE", 25_000, 1, 25_000],
      ["OVERAGE", 45, 700, 3_150],
    ]);
    // November's statement is unchanged by the new version.
    expect((await statementOf(contract.id, "2026-11")).lines.map((l) => l.amountFen)).toEqual([20_000, 2_500]);
  });
});

describe("withdrawing a package from sale", () => {
  test("no longer offered at registration or for a package change, while its contracts keep billing on it", async () => {
    const { id } = await createPackage(
      t.db,
      admin,
      { code: "OLD1", nameZh: "停售套餐", nameEn: "Retired", ...terms },
      cn("2026-01-01T09:00:00"),
    );
    const { contract, enterprise } = await customerOn("OLD1", "2026-01-01");
    const other = await customerOn("BASIC", "2026-01-01");
    expect((await listPackages(t.db, { includeInactive: false }, NOV)).map((p) => p.code)).toContain("OLD1");

    const sales = await callerFor(t.db, "sales@bureau.example.com", { now: NOV });
    expect(await trpcCode(sales.packages.setForSale({ packageId: id, forSale: false }))).toBe("FORBIDDEN");
    expect(await setForSale(t.db, admin, id, false, NOV)).toEqual({ changed: true });
    expect(await setForSale(t.db, admin, id, false, NOV)).toEqual({ changed: false });
    expect((await auditOf(id)).map((a) => a.action)).toEqual(["packages.created", "packages.withdrawn"]);

    // The public catalogue (registration, the change form) and the contract form's rows leave it out; staff still see it.
    expect((await listPackages(t.db, { includeInactive: false }, NOV)).map((p) => p.code)).not.toContain("OLD1");
    expect((await (await callerFor(t.db, null, { now: NOV })).packages.list()).map((p) => p.code)).not.toContain(
      "OLD1",
    );
    expect((await catalogueRows(t.db, NOV)).map((r) => JSON.stringify(r))).not.toContainEqual(
      expect.stringContaining("OLD1"),
    );
    expect(
      (
        await (await callerFor(t.db, "admin@bureau.example.com", { now: NOV })).packages.list({ includeInactive: true })
      ).find((p) => p.code === "OLD1"),
    ).toMatchObject({ active: false });
    expect(await appCode(submitPackageChange(t.db, other.customer, { packageCode: "OLD1", reason: "想换" }, NOV))).toBe(
      "PACKAGE_UNAVAILABLE",
    );

    // Its contract stays on it and bills November on its terms.
    expect((await packageInForce(t.db, contract.id, toChinaDate(NOV))).package.code).toBe("OLD1");
    await used(enterprise.id, "2026-11-11", 1_200);
    await closePeriod(t.db, { period: "2026-11", now: cn("2026-12-01T00:20:00") });
    const nov = await statementOf(contract.id, "2026-11");
    expect(nov.lines.map((l) => [l.kind, l.amountFen])).toEqual([
      ["BASE_FEE", 20_000],
      ["OVERAGE", 1_000],
    ]);

    // Back on sale: offered again.
    await setForSale(t.db, admin, id, true, NOV);
    expect((await listPackages(t.db, { includeInactive: false }, NOV)).map((p) => p.code)).toContain("OLD1");
  });
});
