// The bureau's own party details and the default terms of new contracts (one row).
import { z } from "zod";
import { type Actor, recordAudit } from "../audit/service";
import type { DbTx } from "../db";
import { AppError } from "../errors";
import { isValidUscc, normalizeUscc } from "../enterprises/uscc";

const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.number().int().min(1).max(28);

export const bureauConfigInput = z
  .object({
    name: text(100),
    legalRepresentative: text(50),
    address: text(200),
    phone: text(30),
    uscc: z.string().transform(normalizeUscc).refine(isValidUscc, { message: "USCC_INVALID" }),
    bankName: text(100),
    bankAccount: text(40),
    signingPlace: text(100),
    paymentWindowStartDay: day,
    paymentWindowEndDay: day,
    graceDays: z.number().int().min(0).max(90),
    lateFeeRatePpm: z.number().int().min(0).max(100_000),
    suspensionAfterDays: z.number().int().min(0).max(365),
    changeCutoffDay: day,
    renewalYears: z.number().int().min(1).max(10),
    objectionNoticeDays: z.number().int().min(1).max(365),
    arbitrationCommission: text(100),
    depositFen: z.number().int().min(0).max(100_000_000_00),
    freePackageDailyCap: z.number().int().min(1).max(10_000_000),
  })
  .refine((c) => c.paymentWindowEndDay >= c.paymentWindowStartDay, {
    message: "paymentWindowEndDay must not be before paymentWindowStartDay",
    path: ["paymentWindowEndDay"],
  })
  .refine((c) => c.suspensionAfterDays >= c.graceDays, {
    message: "suspensionAfterDays must not be shorter than the grace period",
    path: ["suspensionAfterDays"],
  });

export type BureauConfigInput = z.infer<typeof bureauConfigInput>;

export async function getBureauConfig(db: DbTx) {
  const config = await db.bureauConfig.findUnique({ where: { id: 1 } });
  if (!config) throw new AppError("NOT_FOUND", {}, "bureau configuration missing: run npm run db:seed");
  return config;
}

export async function updateBureauConfig(db: DbTx, actor: Actor, input: BureauConfigInput, now: Date) {
  const before = await getBureauConfig(db);
  const after = await db.bureauConfig.update({ where: { id: 1 }, data: input });
  const changed = Object.fromEntries(
    (Object.keys(input) as (keyof BureauConfigInput)[])
      .filter((k) => before[k] !== after[k])
      .map((k) => [k, { from: before[k], to: after[k] }]),
  );
  await recordAudit(db, actor, { action: "bureau.config.updated", entityType: "BureauConfig", entityId: "1", detail: changed }, now);
  return after;
}
