// Demo data, idempotent: seedDemo(db) any number of times gives the same state.
// Users keep a password they changed; lockouts are cleared so the demo accounts always sign in.
// Used by `npm run db:seed` and by integration tests that want the demo world.
import { hashPassword } from "../server/auth/password";
import { toDbDate } from "../server/clock";
import type { Db } from "../server/db";
import { usccCheckCharacter } from "../server/enterprises/uscc";
import type { Role } from "../server/generated/prisma/client";
const withCheck = (first17: string) => first17 + usccCheckCharacter(first17);

const BUREAU = {
  name: "示例市电子邮政局",
  legalRepresentative: "王建国",
  address: "示例市鼓楼区五四路 100 号",
  phone: "0591-87654321",
  uscc: withCheck("12350100MB0123456"),
  bankName: "中国邮政储蓄银行示例市分行",
  bankAccount: "9440 0001 2345 6789 012",
  signingPlace: "示例市",
  paymentWindowStartDay: 1,
  paymentWindowEndDay: 15,
  graceDays: 10,
  lateFeeRatePpm: 500,
  suspensionAfterDays: 30,
  changeCutoffDay: 20,
  renewalYears: 1,
  objectionNoticeDays: 30,
  arbitrationCommission: "示例市仲裁委员会",
  depositFen: 500_000,
  freePackageDailyCap: 500,
};

// Clause 二 2: a package's daily cap equals its included messages; the free package has its own.
const PACKAGES = [
  {
    code: "BASIC",
    nameZh: "基础套餐",
    nameEn: "Basic",
    isFree: false,
    sortOrder: 1,
    prices: [
      {
        version: 1,
        effectiveFrom: "2025-01-01",
        baseFeeFen: 12_000,
        includedMessages: 1_000,
        overagePriceLi: 60,
        dailyCap: 1_000,
      },
      {
        version: 2,
        effectiveFrom: "2026-01-01",
        baseFeeFen: 10_000,
        includedMessages: 1_000,
        overagePriceLi: 50,
        dailyCap: 1_000,
      },
    ],
  },
  {
    code: "STANDARD",
    nameZh: "标准套餐",
    nameEn: "Standard",
    isFree: false,
    sortOrder: 2,
    prices: [
      {
        version: 1,
        effectiveFrom: "2025-01-01",
        baseFeeFen: 30_000,
        includedMessages: 5_000,
        overagePriceLi: 45,
        dailyCap: 5_000,
      },
    ],
  },
  {
    code: "PREMIUM",
    nameZh: "高级套餐",
    nameEn: "Premium",
    isFree: false,
    sortOrder: 3,
    prices: [
      {
        version: 1,
        effectiveFrom: "2025-01-01",
        baseFeeFen: 80_000,
        includedMessages: 20_000,
        overagePriceLi: 40,
        dailyCap: 20_000,
      },
    ],
  },
  {
    code: "FREE",
    nameZh: "自由套餐",
    nameEn: "Free",
    isFree: true,
    sortOrder: 9,
    prices: [
      {
        version: 1,
        effectiveFrom: "2025-01-01",
        baseFeeFen: 0,
        includedMessages: 0,
        overagePriceLi: 45,
        dailyCap: BUREAU.freePackageDailyCap,
      },
    ],
  },
];

const ENTERPRISES = [
  {
    key: "demo",
    name: "示例科技有限公司",
    legalRepresentative: "李明",
    address: "示例市软件大道 89 号 8 号楼",
    phone: "0591-83334444",
    uscc: withCheck("91350100MA2Y3QXK7"),
    bankName: "中国工商银行示例市软件园支行",
    bankAccount: "1402 0212 0910 0123 456",
    contactName: "张丽",
    contactEmail: "admin@demo.example.com",
    contactMobile: "13800138000",
    packageCode: "BASIC",
    contractNumber: "QXT-HT-2026-0001",
  },
  {
    key: "other",
    name: "远景贸易有限公司",
    legalRepresentative: "陈华",
    address: "示例市台江区江滨路 12 号",
    phone: "0591-86667777",
    uscc: withCheck("91350103MA8R2LWN4"),
    bankName: "中国建设银行示例市台江支行",
    bankAccount: "3505 0188 0001 0000 0789",
    contactName: "陈华",
    contactEmail: "admin@other.example.com",
    contactMobile: "13900139000",
    packageCode: "STANDARD",
    contractNumber: "QXT-HT-2026-0002",
  },
] as const;

const USERS: { email: string; name: string; password: string; role: Role; enterprise?: "demo" | "other" }[] = [
  { email: "admin@bureau.example.com", name: "局方管理员", password: "Bureau!2026", role: "BUREAU_ADMIN" },
  { email: "sales@bureau.example.com", name: "销售 王芳", password: "Bureau!2026", role: "SALES" },
  { email: "finance@bureau.example.com", name: "财务 刘洋", password: "Bureau!2026", role: "FINANCE" },
  { email: "compliance@bureau.example.com", name: "合规 赵敏", password: "Bureau!2026", role: "COMPLIANCE" },
  {
    email: "admin@demo.example.com",
    name: "张丽",
    password: "Customer!2026",
    role: "CUSTOMER_ADMIN",
    enterprise: "demo",
  },
  {
    email: "operator@demo.example.com",
    name: "周强",
    password: "Customer!2026",
    role: "CUSTOMER_OPERATOR",
    enterprise: "demo",
  },
  {
    email: "admin@other.example.com",
    name: "陈华",
    password: "Customer!2026",
    role: "CUSTOMER_ADMIN",
    enterprise: "other",
  },
];

const date = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return toDbDate({ year: y ?? 0, month: m ?? 0, day: d ?? 0 });
};

/** Creates (or leaves as they are) the bureau configuration, packages, demo enterprises, contracts and users. */
export async function seedDemo(db: Db) {
  await db.bureauConfig.upsert({ where: { id: 1 }, create: { id: 1, ...BUREAU }, update: {} });

  const packageIds = new Map<string, { packageId: string; priceId: string }>();
  for (const { prices, ...pkg } of PACKAGES) {
    const row = await db.package.upsert({ where: { code: pkg.code }, create: pkg, update: {} });
    let latest = "";
    for (const price of prices) {
      const p = await db.packagePrice.upsert({
        where: { packageId_version: { packageId: row.id, version: price.version } },
        create: { ...price, packageId: row.id, effectiveFrom: date(price.effectiveFrom) },
        update: {},
      });
      latest = p.id;
    }
    packageIds.set(pkg.code, { packageId: row.id, priceId: latest });
  }

  const enterpriseIds = new Map<string, string>();
  for (const { key, packageCode, contractNumber, ...fields } of ENTERPRISES) {
    const enterprise = await db.enterprise.upsert({ where: { uscc: fields.uscc }, create: fields, update: {} });
    enterpriseIds.set(key, enterprise.id);
    const pkg = packageIds.get(packageCode);
    if (!pkg) throw new Error(`package ${packageCode} missing`);
    const {
      name: _n,
      legalRepresentative: _l,
      address: _a,
      phone: _p,
      uscc: _u,
      bankName: _b,
      bankAccount: _ba,
      ...terms
    } = BUREAU;
    await db.contract.upsert({
      where: { number: contractNumber },
      create: {
        number: contractNumber,
        enterpriseId: enterprise.id,
        packageId: pkg.packageId,
        packagePriceId: pkg.priceId,
        status: "ACTIVE",
        startDate: date("2026-01-01"),
        endDate: date("2026-12-31"),
        signedOn: date("2025-12-20"),
        ...terms,
      },
      update: {},
    });
  }

  // The demo contracts were numbered by hand: move the counter past them.
  const demoNumbers = ENTERPRISES.map((e) => Number(e.contractNumber.slice(-4)));
  await db.$executeRaw`INSERT INTO "Counter" ("key", "value") VALUES ('contract:2026', ${Math.max(...demoNumbers)})
    ON CONFLICT ("key") DO UPDATE SET "value" = GREATEST("Counter"."value", EXCLUDED."value")`;

  for (const user of USERS) {
    const enterpriseId = user.enterprise ? (enterpriseIds.get(user.enterprise) ?? null) : null;
    const existing = await db.user.findUnique({ where: { email: user.email } });
    if (existing) {
      await db.user.update({
        where: { id: existing.id },
        data: { role: user.role, enterpriseId, disabled: false, failedLoginCount: 0, lockedUntil: null },
      });
    } else {
      await db.user.create({
        data: {
          email: user.email,
          name: user.name,
          role: user.role,
          enterpriseId,
          passwordHash: await hashPassword(user.password),
        },
      });
    }
  }

  return {
    packages: await db.package.count(),
    enterprises: await db.enterprise.count(),
    users: await db.user.count(),
    contracts: await db.contract.count({ where: { status: "ACTIVE" } }),
  };
}
