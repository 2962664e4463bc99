// Reading contracts: the bureau's queue and list, one contract in full, the customer's own.
import { packageInForce } from "../billing/package-changes";
import { compareChinaDates, fromDbDate, toChinaDate } from "../clock";
import type { DbTx } from "../db";
import { AppError } from "../errors";
import type { ContractStatus, Prisma } from "../generated/prisma/client";
import { depositBalance } from "./deposit";
import { listContractDocuments } from "./documents";
import { activationOutlook } from "./review";
import { lastObjectionDay } from "./validity";
import { containsText } from "../search";

export const CONTRACT_SORTS = ["createdAt", "number", "startDate", "endDate"] as const;

export async function listContracts(
  db: DbTx,
  query: {
    page: number;
    pageSize: number;
    status?: ContractStatus;
    search?: string;
    sort: (typeof CONTRACT_SORTS)[number];
    dir: "asc" | "desc";
  },
) {
  const term = query.search?.trim();
  const where: Prisma.ContractWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(term
      ? {
          OR: [
            { number: containsText(term) },
            { enterprise: { name: containsText(term) } },
            { enterprise: { uscc: containsText(term.toUpperCase(), { caseSensitive: true }) } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.contract.count({ where }),
    db.contract.findMany({
      where,
      orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: {
        enterprise: { select: { id: true, name: true, uscc: true } },
        package: { select: { code: true, nameZh: true, nameEn: true } },
      },
    }),
  ]);
  return {
    total,
    rows: rows.map((c) => ({
      id: c.id,
      number: c.number,
      status: c.status,
      source: c.source,
      enterprise: c.enterprise,
      package: c.package,
      startDate: fromDbDate(c.startDate),
      endDate: fromDbDate(c.endDate),
      submittedAt: c.submittedAt,
      depositFen: c.depositFen,
    })),
  };
}

/** One contract with everything its page shows; `inForce` is the package in force today (China date of `now`). */
export async function contractDetail(db: DbTx, contractId: string, now: Date) {
  const contract = await db.contract.findUnique({
    where: { id: contractId },
    include: {
      enterprise: true,
      package: true,
      packagePrice: true,
      depositEntries: { orderBy: { createdAt: "asc" } },
      objections: { orderBy: { lodgedAt: "desc" } },
      terminationRequests: { orderBy: { requestedAt: "desc" } },
    },
  });
  if (!contract) throw new AppError("NOT_FOUND");
  const [inForce, documents, deposit, history] = await Promise.all([
    packageInForce(db, contractId, toChinaDate(now)),
    listContractDocuments(db, contractId),
    depositBalance(db, contractId),
    db.auditLog.findMany({
      where: { entityType: "Contract", entityId: contractId },
      orderBy: { id: "asc" },
      include: { actor: { select: { name: true, email: true } } },
    }),
  ]);
  const endDate = fromDbDate(contract.endDate);
  const inForceNow = contract.status === "ACTIVE" || contract.status === "SUSPENDED" || contract.status === "APPROVED";
  // A mutual termination both sides agreed to, not yet in effect: the contract ends on that day.
  const agreed = inForceNow
    ? contract.terminationRequests.find(
        (r) => r.status === "APPROVED" && compareChinaDates(fromDbDate(r.effectiveOn), endDate) <= 0,
      )
    : undefined;
  // An objection to renewal lodged against the current end date: it ends there and is not renewed.
  const objected = inForceNow
    ? contract.objections.filter((o) => o.againstEndDate.getTime() === contract.endDate.getTime() && !o.withdrawnAt)
    : [];
  return {
    ...contract,
    startDay: fromDbDate(contract.startDate),
    endDay: endDate,
    signedDay: contract.signedOn ? fromDbDate(contract.signedOn) : null,
    lastObjectionDay: lastObjectionDay(endDate, contract.objectionNoticeDays),
    activationGaps: await activationOutlook(db, contract, now),
    /** The day service ends by agreement (mutual termination confirmed), while the contract still runs. */
    agreedEnd: agreed
      ? {
          effectiveDay: fromDbDate(agreed.effectiveOn),
          requestedBy: agreed.requestedBy,
          reason: agreed.reason,
          decidedAt: agreed.decidedAt,
        }
      : null,
    /** Objections to renewal against the current end date: the contract ends there. */
    objectionsAgainstRenewal: objected.map((o) => ({
      id: o.id,
      party: o.party,
      lodgedAt: o.lodgedAt,
      reason: o.reason,
    })),
    inForce,
    documents,
    deposit,
    history: history.map((h) => ({
      id: h.id.toString(),
      at: h.at,
      action: h.action,
      actor: h.actor ? `${h.actor.name} <${h.actor.email}>` : null,
      actorRole: h.actorRole,
      detail: h.detail,
    })),
  };
}

/** The customer's current contract (the latest), or null before registration completed. */
export async function currentContractOf(db: DbTx, enterpriseId: string, now: Date) {
  const latest = await db.contract.findFirst({
    where: { enterpriseId },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return latest ? contractDetail(db, latest.id, now) : null;
}
