// Managing the package catalogue (二 1): BUREAU_ADMIN creates packages, publishes price versions and
// takes packages off sale. Prices are versioned: a version takes effect on a 1st of a month strictly
// after today (China time), so no day already begun, and no statement already issued, ever changes
// price. Contracts follow the version in force on each day (packageInForce); a withdrawn package is
// no longer offered but stays on, and keeps billing, the contracts that have it.
import { z } from "zod";
import { type Actor, recordAudit } from "../audit/log";
import { compareChinaDates, formatChinaDate, fromDbDate, parseChinaDate, toChinaDate, toDbDate } from "../clock";
import type { Db } from "../db";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";

const count = z.number().int().min(0).max(100_000_000);
/** Terms of a price version: base fee in fen, overage price in 厘 (0.001 元). */
export const priceTermsSchema = z.object({
  baseFeeFen: z.number().int().min(0).max(1_000_000_000),
  includedMessages: count,
  overagePriceLi: z.number().int().min(0).max(1_000_000),
  dailyCap: z.number().int().min(1).max(100_000_000),
});

export const createPackageSchema = priceTermsSchema.extend({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9_-]{2,32}$/),
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(60),
  isFree: z.boolean().default(false),
  forSale: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(10_000).default(100),
  /** First day of version 1: a 1st of a month after today; null or absent: today, for a new package nothing is billed on yet. */
  effectiveOn: z.string().nullish(),
});
export type CreatePackageInput = z.input<typeof createPackageSchema>;

export const publishPriceSchema = priceTermsSchema.extend({ effectiveOn: z.string() });
export type PublishPriceInput = z.input<typeof publishPriceSchema>;

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new AppError("PACKAGE_TERMS_INVALID", { field: result.error.issues[0]?.path.join(".") ?? "" });
  return result.data;
}

/** A price version's first day: a 1st of a month strictly after today in China (the current month's 1st has begun). */
export function validEffectiveOn(text: string, now: Date) {
  let date;
  try {
    date = parseChinaDate(text);
  } catch {
    throw new AppError("PRICE_EFFECTIVE_NOT_FIRST", { date: text });
  }
  if (date.day !== 1) throw new AppError("PRICE_EFFECTIVE_NOT_FIRST", { date: text });
  if (compareChinaDates(date, toChinaDate(now)) <= 0)
    throw new AppError("PRICE_EFFECTIVE_IN_PAST", { date: text, today: formatChinaDate(toChinaDate(now)) });
  return date;
}

const termsOf = (t: z.output<typeof priceTermsSchema>) => ({
  baseFeeFen: t.baseFeeFen,
  includedMessages: t.includedMessages,
  overagePriceLi: t.overagePriceLi,
  dailyCap: t.dailyCap,
});

export async function createPackage(db: Db, actor: Actor, input: CreatePackageInput, now: Date) {
  const data = parse(createPackageSchema, input);
  if (data.isFree && (data.baseFeeFen !== 0 || data.includedMessages !== 0))
    throw new AppError("PACKAGE_TERMS_INVALID", { field: "isFree" });
  const effectiveFrom = data.effectiveOn ? validEffectiveOn(data.effectiveOn, now) : toChinaDate(now);
  try {
    return await db.$transaction(async (tx) => {
      const pkg = await tx.package.create({
        data: {
          code: data.code,
          nameZh: data.nameZh,
          nameEn: data.nameEn,
          isFree: data.isFree,
          active: data.forSale,
          sortOrder: data.sortOrder,
          prices: { create: { version: 1, effectiveFrom: toDbDate(effectiveFrom), ...termsOf(data) } },
        },
      });
      await recordAudit(
        tx,
        actor,
        {
          action: "packages.created",
          entityType: "Package",
          entityId: pkg.id,
          detail: {
            code: pkg.code,
            nameZh: pkg.nameZh,
            nameEn: pkg.nameEn,
            isFree: pkg.isFree,
            forSale: pkg.active,
            version: 1,
            effectiveOn: formatChinaDate(effectiveFrom),
            ...termsOf(data),
          },
        },
        now,
      );
      return { id: pkg.id, code: pkg.code };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new AppError("PACKAGE_CODE_TAKEN", { code: data.code });
    throw error;
  }
}

/** Publishes the next price version of a package, in force from `effectiveOn` (a future 1st). */
export async function publishPriceVersion(
  db: Db,
  actor: Actor,
  packageId: string,
  input: PublishPriceInput,
  now: Date,
) {
  const data = parse(publishPriceSchema, input);
  const effectiveOn = validEffectiveOn(data.effectiveOn, now);
  return db.$transaction(async (tx) => {
    // Row lock: two publications at once get consecutive versions.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Package" WHERE id = ${packageId} FOR UPDATE`;
    if (locked.length === 0) throw new AppError("NOT_FOUND");
    const pkg = await tx.package.findUniqueOrThrow({
      where: { id: packageId },
      include: { prices: { orderBy: { version: "desc" } } },
    });
    if (pkg.isFree && (data.baseFeeFen !== 0 || data.includedMessages !== 0))
      throw new AppError("PACKAGE_TERMS_INVALID", { field: "isFree" });
    const latest = pkg.prices[0];
    // Versions take effect in order: a later version never starts before an earlier one.
    if (latest && compareChinaDates(effectiveOn, fromDbDate(latest.effectiveFrom)) <= 0) {
      throw new AppError("PRICE_VERSION_NOT_AFTER_LATEST", {
        date: formatChinaDate(effectiveOn),
        latest: formatChinaDate(fromDbDate(latest.effectiveFrom)),
      });
    }
    const version = (latest?.version ?? 0) + 1;
    const price = await tx.packagePrice.create({
      data: { packageId, version, effectiveFrom: toDbDate(effectiveOn), ...termsOf(data) },
    });
    await recordAudit(
      tx,
      actor,
      {
        action: "packages.price.published",
        entityType: "Package",
        entityId: packageId,
        detail: {
          code: pkg.code,
          version,
          effectiveOn: formatChinaDate(effectiveOn),
          ...termsOf(data),
          previous: latest ? { version: latest.version, ...termsOf(latest) } : null,
        },
      },
      now,
    );
    return { id: price.id, version, effectiveOn: formatChinaDate(effectiveOn) };
  });
}

/** Withdraws a price version that has not taken effect and no contract or change form refers to. */
export async function withdrawPriceVersion(db: Db, actor: Actor, packageId: string, version: number, now: Date) {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Package" WHERE id = ${packageId} FOR UPDATE`;
    if (locked.length === 0) throw new AppError("NOT_FOUND");
    const price = await tx.packagePrice.findUnique({ where: { packageId_version: { packageId, version } } });
    if (!price) throw new AppError("NOT_FOUND");
    const latest = await tx.packagePrice.findFirstOrThrow({ where: { packageId }, orderBy: { version: "desc" } });
    const inForce = compareChinaDates(fromDbDate(price.effectiveFrom), toChinaDate(now)) <= 0;
    const referenced =
      (await tx.contract.count({ where: { packagePriceId: price.id } })) +
      (await tx.packageChangeRequest.count({
        where: { OR: [{ toPackagePriceId: price.id }, { fromPackagePriceId: price.id }] },
      }));
    // Only the latest: the versions stay numbered without gaps.
    if (inForce || referenced > 0 || latest.id !== price.id) throw new AppError("PRICE_VERSION_IN_FORCE", { version });
    await tx.packagePrice.delete({ where: { id: price.id } });
    await recordAudit(
      tx,
      actor,
      {
        action: "packages.price.withdrawn",
        entityType: "Package",
        entityId: packageId,
        detail: { version, effectiveOn: formatChinaDate(fromDbDate(price.effectiveFrom)), ...termsOf(price) },
      },
      now,
    );
  });
}

/** Puts a package on sale or withdraws it: a withdrawn one is not offered, but stays on the contracts that have it. */
export async function setForSale(db: Db, actor: Actor, packageId: string, forSale: boolean, now: Date) {
  return db.$transaction(async (tx) => {
    const pkg = await tx.package.findUnique({ where: { id: packageId } });
    if (!pkg) throw new AppError("NOT_FOUND");
    if (pkg.active === forSale) return { changed: false };
    await tx.package.update({ where: { id: packageId }, data: { active: forSale } });
    await recordAudit(
      tx,
      actor,
      {
        action: forSale ? "packages.offered" : "packages.withdrawn",
        entityType: "Package",
        entityId: packageId,
        detail: { code: pkg.code, forSale },
      },
      now,
    );
    return { changed: true };
  });
}

/** The earliest date a price version published now can take effect: the 1st of next month in China. */
export function firstPublishableDate(now: Date): string {
  const today = toChinaDate(now);
  return formatChinaDate(
    today.month === 12
      ? { year: today.year + 1, month: 1, day: 1 }
      : { year: today.year, month: today.month + 1, day: 1 },
  );
}
