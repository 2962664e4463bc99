// Customer enterprises (乙方) as the bureau and the customer see them.
import { packageInForce } from "../billing/package-changes";
import { toChinaDate } from "../clock";
import type { DbTx } from "../db";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { containsText } from "../search";

export const ENTERPRISE_SORTS = ["name", "createdAt", "uscc"] as const;
export type EnterpriseSort = (typeof ENTERPRISE_SORTS)[number];

export interface EnterpriseQuery {
  page: number;
  pageSize: number;
  search?: string;
  sort: EnterpriseSort;
  dir: "asc" | "desc";
}

export async function listEnterprises(db: DbTx, query: EnterpriseQuery) {
  const term = query.search?.trim();
  const where: Prisma.EnterpriseWhereInput = term
    ? {
        OR: [
          { name: containsText(term) },
          { uscc: containsText(term.toUpperCase(), { caseSensitive: true }) },
          { contactName: containsText(term) },
          { contactEmail: containsText(term) },
        ],
      }
    : {};
  const [total, rows] = await Promise.all([
    db.enterprise.count({ where }),
    db.enterprise.findMany({
      where,
      orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: {
        _count: { select: { users: true } },
        contracts: {
          orderBy: { createdAt: "desc" },
          take: 1,
          select: { number: true, status: true, package: { select: { nameZh: true, nameEn: true } } },
        },
      },
    }),
  ]);
  return {
    total,
    rows: rows.map((e) => ({
      id: e.id,
      name: e.name,
      uscc: e.uscc,
      contactName: e.contactName,
      contactMobile: e.contactMobile,
      createdAt: e.createdAt,
      userCount: e._count.users,
      latestContract: e.contracts[0] ?? null,
    })),
  };
}

/** One enterprise with its users and contracts (each with the package in force today); NOT_FOUND when it does not exist. */
export async function getEnterprise(db: DbTx, enterpriseId: string, now: Date) {
  const enterprise = await db.enterprise.findUnique({
    where: { id: enterpriseId },
    include: {
      users: {
        orderBy: { email: "asc" },
        select: { id: true, email: true, name: true, role: true, disabled: true, lastLoginAt: true, lockedUntil: true },
      },
      contracts: {
        orderBy: { createdAt: "desc" },
        include: { package: true, packagePrice: true },
      },
    },
  });
  if (!enterprise) throw new AppError("NOT_FOUND");
  const today = toChinaDate(now);
  const contracts = await Promise.all(
    enterprise.contracts.map(async (c) => ({ ...c, inForce: await packageInForce(db, c.id, today) })),
  );
  return { ...enterprise, contracts };
}
