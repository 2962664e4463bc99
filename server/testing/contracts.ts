// A test enterprise with its customer admin and a contract on a package, on the bureau's default
// terms: the one fixture the billing and catalogue integration tests build their customers with.
import { parseChinaDate, toDbDate } from "../clock";
import type { Db } from "../db";
import type { ContractStatus } from "../generated/prisma/client";

let seq = 0;

export interface ContractFixtureOptions {
  /** Seven capital letters that keep this test's USCCs, e-mails and numbers apart from others'. */
  prefix: string;
  start?: string;
  end?: string;
  status?: ContractStatus;
  /** The package's price version the contract was signed at: its first or its latest (default). */
  priceVersion?: "first" | "latest";
}

export async function contractFixture(db: Db, packageCode: string, options: ContractFixtureOptions) {
  seq++;
  const n = String(seq).padStart(4, "0");
  const config = await db.bureauConfig.findUniqueOrThrow({ where: { id: 1 } });
  const pkg = await db.package.findUniqueOrThrow({
    where: { code: packageCode },
    include: { prices: { orderBy: { version: options.priceVersion === "first" ? "asc" : "desc" } } },
  });
  const tag = options.prefix.toLowerCase();
  const enterprise = await db.enterprise.create({
    data: {
      name: `测试企业${options.prefix}${n}`,
      legalRepresentative: "王五",
      address: "示例市测试路 1 号",
      phone: "0591-88889999",
      uscc: `${options.prefix}${String(seq).padStart(11, "0")}`,
      bankName: "示例银行",
      bankAccount: "1",
      contactName: "赵六",
      contactEmail: `${tag}${seq}@example.com`,
      contactMobile: `139${String(seq).padStart(8, "0")}`,
    },
  });
  const user = await db.user.create({
    data: {
      email: `${tag}-admin${seq}@example.com`,
      name: "赵六",
      passwordHash: "x",
      role: "CUSTOMER_ADMIN",
      enterpriseId: enterprise.id,
    },
  });
  const {
    id: _id,
    name: _n,
    legalRepresentative: _l,
    address: _a,
    phone: _p,
    uscc: _u,
    bankName: _b,
    bankAccount: _ba,
    optOutKeywords: _o,
    updatedAt: _up,
    ...terms
  } = config;
  const contract = await db.contract.create({
    data: {
      number: `QXT-HT-${options.prefix}-${n}`,
      enterpriseId: enterprise.id,
      packageId: pkg.id,
      packagePriceId: pkg.prices[0]!.id,
      status: options.status ?? "ACTIVE",
      startDate: toDbDate(parseChinaDate(options.start ?? "2026-01-01")),
      endDate: toDbDate(parseChinaDate(options.end ?? "2028-12-31")),
      ...terms,
    },
  });
  return { contract, enterprise, user, seq };
}
