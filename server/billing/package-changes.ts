// 业务变更记录表 (二 6): the customer admin asks for another package with a reason; submitted on or
// before the contract's cutoff day it takes effect on the 1st of the next month, after it on the 1st
// of the month after. One pending change per contract, withdrawable until it applies. Applying sets
// the contract's package and the price version in force that day, so the daily cap follows at once.
import { type Actor, recordAudit, SYSTEM_ACTOR } from "../audit/log";
import { addDays, type ChinaDate, formatChinaDate, fromDbDate, toChinaDate, toDbDate } from "../clock";
import type { Db, DbTx } from "../db";
import type { Contract, Package, PackageChangeRequest, PackagePrice } from "../generated/prisma/client";
import { AppError } from "../errors";
import { priceInForce } from "../packages/prices";
import { lockContract } from "./ledger";
import { packageChangeEffectiveOn } from "./rules";

const CHANGEABLE = ["APPROVED", "ACTIVE", "SUSPENDED"] as const;

async function currentContract(db: DbTx, enterpriseId: string) {
  const contract = await db.contract.findFirst({
    where: { enterpriseId, status: { in: [...CHANGEABLE] } },
    orderBy: { createdAt: "desc" },
  });
  if (!contract) throw new AppError("CONTRACT_NOT_ACTIVE", { status: "NONE" });
  return contract;
}

export async function submitPackageChange(
  db: Db,
  actor: Actor & { enterpriseId: string },
  input: { packageCode: string; reason: string },
  now: Date,
) {
  return db.$transaction(async (tx) => {
    const found = await currentContract(tx, actor.enterpriseId);
    await lockContract(tx, found.id);
    // A change already in force counts as applied whether or not the job has run (one at a time).
    const due = await tx.packageChangeRequest.findFirst({
      where: { contractId: found.id, status: "PENDING", effectiveOn: { lte: toDbDate(toChinaDate(now)) } },
    });
    if (due) await applyChange(tx, due.id, now);
    const contract = await tx.contract.findUniqueOrThrow({ where: { id: found.id } });
    if (await tx.packageChangeRequest.findFirst({ where: { contractId: contract.id, status: "PENDING" } }))
      throw new AppError("PACKAGE_CHANGE_PENDING");
    const pkg = await tx.package.findUnique({ where: { code: input.packageCode } });
    if (!pkg || !pkg.active) throw new AppError("PACKAGE_UNAVAILABLE");
    if (pkg.id === contract.packageId) throw new AppError("PACKAGE_CHANGE_SAME");
    const effectiveOn = packageChangeEffectiveOn(toChinaDate(now), contract.changeCutoffDay);
    const request = await tx.packageChangeRequest.create({
      data: {
        contractId: contract.id,
        enterpriseId: contract.enterpriseId,
        fromPackageId: contract.packageId,
        fromPackagePriceId: contract.packagePriceId,
        toPackageId: pkg.id,
        reason: input.reason,
        effectiveOn: toDbDate(effectiveOn),
        submittedAt: now,
        submittedById: actor.userId,
      },
    });
    await recordAudit(
      tx,
      actor,
      {
        action: "billing.package-change.submitted",
        entityType: "PackageChangeRequest",
        entityId: request.id,
        enterpriseId: contract.enterpriseId,
        detail: { to: pkg.code, effectiveOn: formatChinaDate(effectiveOn), reason: input.reason },
      },
      now,
    );
    return { id: request.id, effectiveOn: formatChinaDate(effectiveOn) };
  });
}

export async function withdrawPackageChange(
  db: Db,
  actor: Actor & { enterpriseId: string },
  requestId: string,
  now: Date,
) {
  return db.$transaction(async (tx) => {
    const request = await tx.packageChangeRequest.findFirst({
      where: { id: requestId, enterpriseId: actor.enterpriseId },
    });
    if (!request) throw new AppError("NOT_FOUND");
    await lockContract(tx, request.contractId);
    // Withdrawable only until it takes effect, whether or not the job has recorded it as applied.
    const moved = await tx.packageChangeRequest.updateMany({
      where: { id: request.id, status: "PENDING", effectiveOn: { gt: toDbDate(toChinaDate(now)) } },
      data: { status: "WITHDRAWN", withdrawnAt: now },
    });
    if (moved.count !== 1) throw new AppError("REQUEST_NOT_PENDING");
    await recordAudit(
      tx,
      actor,
      {
        action: "billing.package-change.withdrawn",
        entityType: "PackageChangeRequest",
        entityId: request.id,
        enterpriseId: request.enterpriseId,
      },
      now,
    );
  });
}

/**
 * Whether a change form due on `effectiveOn` takes effect for the contract: it does while the
 * contract can still change package, or when it ended (endDate = its last day of service) on or
 * after that day. A change due after the contract ended never takes effect.
 */
export function changeTakesEffect(contract: Pick<Contract, "status" | "endDate">, effectiveOn: Date): boolean {
  return (
    (CHANGEABLE as readonly string[]).includes(contract.status) || effectiveOn.getTime() <= contract.endDate.getTime()
  );
}

async function applyChange(tx: DbTx, requestId: string, now: Date): Promise<"applied" | "dropped" | null> {
  const request = await tx.packageChangeRequest.findUniqueOrThrow({ where: { id: requestId } });
  await lockContract(tx, request.contractId);
  const contract = await tx.contract.findUniqueOrThrow({ where: { id: request.contractId } });
  const current = await tx.packageChangeRequest.findUniqueOrThrow({ where: { id: request.id } });
  if (current.status !== "PENDING") return null;
  if (!changeTakesEffect(contract, request.effectiveOn)) {
    await tx.packageChangeRequest.update({
      where: { id: request.id },
      data: { status: "WITHDRAWN", withdrawnAt: now },
    });
    return "dropped";
  }
  const prices = await tx.packagePrice.findMany({ where: { packageId: request.toPackageId } });
  const price = priceInForce(prices, request.effectiveOn);
  if (!price) throw new AppError("PACKAGE_UNAVAILABLE");
  await tx.contract.update({
    where: { id: contract.id },
    data: { packageId: request.toPackageId, packagePriceId: price.id },
  });
  await tx.packageChangeRequest.update({
    where: { id: request.id },
    data: { status: "APPLIED", appliedAt: now, toPackagePriceId: price.id },
  });
  await recordAudit(
    tx,
    SYSTEM_ACTOR,
    {
      action: "billing.package-change.applied",
      entityType: "Contract",
      entityId: contract.id,
      enterpriseId: contract.enterpriseId,
      detail: {
        request: request.id,
        effectiveOn: formatChinaDate(fromDbDate(request.effectiveOn)),
        priceVersion: price.version,
      },
    },
    now,
  );
  return "applied";
}

/**
 * Records every pending change whose effective date has come as applied (run on the 1st at 00:01
 * China time). Only bookkeeping: what is in force on a day never waits for it (packageInForce).
 */
export async function applyDuePackageChanges(db: Db, now: Date): Promise<{ applied: number; dropped: number }> {
  const today = toChinaDate(now);
  const due = await db.packageChangeRequest.findMany({
    where: { status: "PENDING", effectiveOn: { lte: toDbDate(today) } },
    orderBy: { submittedAt: "asc" },
  });
  let applied = 0;
  let dropped = 0;
  for (const request of due) {
    const outcome = await db.$transaction((tx) => applyChange(tx, request.id, now));
    if (outcome === "applied") applied++;
    if (outcome === "dropped") dropped++;
  }
  return { applied, dropped };
}

/** The contract's change forms, newest first: its package history. */
export async function packageChanges(db: DbTx, enterpriseId: string) {
  const rows = await db.packageChangeRequest.findMany({ where: { enterpriseId }, orderBy: { submittedAt: "desc" } });
  const packages = await db.package.findMany({
    where: { id: { in: [...new Set(rows.flatMap((r) => [r.fromPackageId, r.toPackageId]))] } },
  });
  const name = (id: string) => packages.find((p) => p.id === id);
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    from: {
      code: name(r.fromPackageId)?.code ?? "",
      nameZh: name(r.fromPackageId)?.nameZh ?? "",
      nameEn: name(r.fromPackageId)?.nameEn ?? "",
    },
    to: {
      code: name(r.toPackageId)?.code ?? "",
      nameZh: name(r.toPackageId)?.nameZh ?? "",
      nameEn: name(r.toPackageId)?.nameEn ?? "",
    },
    reason: r.reason,
    effectiveOn: formatChinaDate(fromDbDate(r.effectiveOn)),
    submittedAt: r.submittedAt,
    appliedAt: r.appliedAt,
    withdrawnAt: r.withdrawnAt,
  }));
}

/** What the package in force means for the contract: the free package has no base fee, no included messages and the contract's own cap (二 2). */
export interface PackageTerms {
  dailyCap: number;
  baseFeeFen: number;
  includedMessages: number;
  overagePriceLi: number;
}

export interface PackageTerm {
  /** First China day this package was in force. */
  from: string;
  /** Last China day (the day before the next one took over), or null while it is in force. */
  to: string | null;
  changeId: string | null;
  package: { id: string; code: string; nameZh: string; nameEn: string; isFree: boolean };
  /** The price version as catalogued. */
  price: {
    id: string;
    version: number;
    baseFeeFen: number;
    includedMessages: number;
    overagePriceLi: number;
    dailyCap: number;
  };
  /** What the contract is held to under it: use these for the cap, the statement and every display. */
  terms: PackageTerms;
}

/**
 * The contract's packages over time, oldest first: the package it was signed with from its start date,
 * a new term where a later price version of the package takes effect (on or before `through`),
 * then each change form from its effective date: the applied ones, and the pending ones due on or
 * before `through` (a change is in force from its effective date whether or not the job that records
 * it as applied has run).
 */
export async function packageHistory(db: DbTx, contractId: string, through: ChinaDate): Promise<PackageTerm[]> {
  const contract = await db.contract.findUniqueOrThrow({ where: { id: contractId } });
  const changes = await db.packageChangeRequest.findMany({
    where: { contractId, OR: [{ status: "APPLIED" }, { status: "PENDING", effectiveOn: { lte: toDbDate(through) } }] },
  });
  const packageIds = new Set([contract.packageId, ...changes.flatMap((c) => [c.fromPackageId, c.toPackageId])]);
  const packages = await db.package.findMany({ where: { id: { in: [...packageIds] } }, include: { prices: true } });
  return packageHistoryOf(contract, changes, packages, through);
}

/** A package of the catalogue with all its price versions. */
export type CataloguePackage = Package & { prices: PackagePrice[] };

/**
 * packageHistory as a pure function of its inputs: the contract, its change forms (any order; the
 * ones not in force by `through` are ignored) and the packages they name, with their prices. The
 * period close gathers these for many contracts at once and calls this for each.
 */
export function packageHistoryOf(
  contract: Pick<
    Contract,
    "number" | "status" | "startDate" | "endDate" | "packageId" | "packagePriceId" | "freePackageDailyCap"
  >,
  allChanges: readonly PackageChangeRequest[],
  packages: readonly CataloguePackage[],
  through: ChinaDate,
): PackageTerm[] {
  const throughDb = toDbDate(through).getTime();
  const changes = allChanges
    .filter((c) => c.status === "APPLIED" || (c.status === "PENDING" && c.effectiveOn.getTime() <= throughDb))
    .sort(
      (a, b) => a.effectiveOn.getTime() - b.effectiveOn.getTime() || a.submittedAt.getTime() - b.submittedAt.getTime(),
    );
  const inForce = changes.filter((c) => c.status === "APPLIED" || changeTakesEffect(contract, c.effectiveOn));
  const steps: { from: Date; changeId: string | null; packageId: string; priceId: string | null }[] = [
    {
      from: contract.startDate,
      changeId: null,
      packageId: inForce[0]?.fromPackageId ?? contract.packageId,
      priceId: inForce[0]?.fromPackagePriceId ?? contract.packagePriceId,
    },
    ...inForce.map((c) => ({
      from: c.effectiveOn,
      changeId: c.id,
      packageId: c.toPackageId,
      priceId: c.toPackagePriceId,
    })),
  ];
  // Each package step splits where a later price version of its package takes effect (on a 1st, at
  // most `through`): the contract pays the version in force on each day, never one below the version
  // recorded for the step (the one signed, or in force when the change applied).
  const terms: {
    from: Date;
    changeId: string | null;
    pkg: CataloguePackage;
    price: PackagePrice;
  }[] = [];
  steps.forEach((step, i) => {
    const pkg = packages.find((p) => p.id === step.packageId);
    if (!pkg) throw new Error(`package ${step.packageId} of contract ${contract.number} is missing`);
    // A pending change has no price yet: the version in force on its effective date, as applying it records.
    const recorded = pkg.prices.find((p) => p.id === step.priceId) ?? null;
    const priceOn = (day: Date) =>
      priceInForce(
        pkg.prices.filter((p) => !recorded || p.version >= recorded.version),
        day,
      ) ?? recorded;
    const first = priceOn(step.from);
    if (!first) throw new Error(`no price for package ${pkg.code} on the contract ${contract.number}`);
    terms.push({ from: step.from, changeId: step.changeId, pkg, price: first });
    const end = steps[i + 1]?.from.getTime() ?? Number.POSITIVE_INFINITY;
    const later = pkg.prices
      .filter(
        (p) =>
          p.version > first.version &&
          p.effectiveFrom.getTime() > step.from.getTime() &&
          p.effectiveFrom.getTime() < end &&
          p.effectiveFrom.getTime() <= throughDb,
      )
      .sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime() || a.version - b.version);
    for (const price of later) {
      const last = terms[terms.length - 1]!;
      if (price.version <= last.price.version) continue;
      if (last.from.getTime() === price.effectiveFrom.getTime()) last.price = price;
      else terms.push({ from: price.effectiveFrom, changeId: null, pkg, price });
    }
  });
  return terms.map((term, i) => {
    const { pkg, price } = term;
    const next = terms[i + 1];
    return {
      from: formatChinaDate(fromDbDate(term.from)),
      to: next ? formatChinaDate(addDays(fromDbDate(next.from), -1)) : null,
      changeId: term.changeId,
      package: { id: pkg.id, code: pkg.code, nameZh: pkg.nameZh, nameEn: pkg.nameEn, isFree: pkg.isFree },
      price: {
        id: price.id,
        version: price.version,
        baseFeeFen: price.baseFeeFen,
        includedMessages: price.includedMessages,
        overagePriceLi: price.overagePriceLi,
        dailyCap: price.dailyCap,
      },
      terms: pkg.isFree
        ? {
            dailyCap: contract.freePackageDailyCap,
            baseFeeFen: 0,
            includedMessages: 0,
            overagePriceLi: price.overagePriceLi,
          }
        : {
            dailyCap: price.dailyCap,
            baseFeeFen: price.baseFeeFen,
            includedMessages: price.includedMessages,
            overagePriceLi: price.overagePriceLi,
          },
    };
  });
}

/** The package term in force on a China day (the first one before the contract starts). */
export function packageTermOn(history: readonly PackageTerm[], day: ChinaDate): PackageTerm {
  const key = formatChinaDate(day);
  let found = history[0];
  for (const term of history) if (term.from <= key) found = term;
  if (!found) throw new Error("a contract always has a package");
  return found;
}

/**
 * The package in force for a contract on a China date, with its terms (daily cap, base fee, included
 * messages, overage price): the one answer for the daily cap of a send (on the day it goes out), the
 * statement of a period, and every page that shows "the package". It follows the change forms by
 * their effective dates, never by whether the job that records them has run.
 */
export async function packageInForce(db: DbTx, contractId: string, day: ChinaDate): Promise<PackageTerm> {
  return packageTermOn(await packageHistory(db, contractId, day), day);
}

/**
 * What the change form needs before it is filled in: the package in force today, the cutoff day,
 * the date a change submitted now would take effect, and the pending change (only one at a time);
 * with the contract's package history up to today. Null outlook and no history when the enterprise
 * has no contract a change can be filed against.
 */
export async function packageChangeOutlook(
  db: DbTx,
  enterpriseId: string,
  now: Date,
): Promise<{ outlook: ReturnType<typeof outlookOf> | null; history: PackageTerm[] }> {
  const contract = await db.contract.findFirst({
    where: { enterpriseId, status: { in: [...CHANGEABLE] } },
    orderBy: { createdAt: "desc" },
  });
  if (!contract) return { outlook: null, history: [] };
  const today = toChinaDate(now);
  const history = await packageHistory(db, contract.id, today);
  return { history, outlook: outlookOf(contract, history, await packageChanges(db, enterpriseId), today) };
}

function outlookOf(
  contract: Contract,
  history: PackageTerm[],
  changes: Awaited<ReturnType<typeof packageChanges>>,
  today: ChinaDate,
) {
  const current = packageTermOn(history, today);
  // A change already in force is history, not a pending one, whether or not the job has run.
  const pending = changes.find((c) => c.status === "PENDING" && !history.some((h) => h.changeId === c.id)) ?? null;
  return {
    contractId: contract.id,
    contractNumber: contract.number,
    current: { code: current.package.code, nameZh: current.package.nameZh, nameEn: current.package.nameEn },
    cutoffDay: contract.changeCutoffDay,
    today: formatChinaDate(today),
    effectiveOnIfSubmittedToday: formatChinaDate(packageChangeEffectiveOn(today, contract.changeCutoffDay)),
    pending,
  };
}
