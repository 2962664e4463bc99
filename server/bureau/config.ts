// The bureau's own party details and the default terms of new contracts (one row).
import { z } from "zod";
import { type Actor, recordAudit } from "../audit/log";
import type { DbTx } from "../db";
import { contractTermFields, withTermOrder } from "../contracts/inputs";
import { AppError } from "../errors";
import { isValidUscc, normalizeUscc } from "../enterprises/uscc";
import { text as textField } from "../validation/text";

const text = (max: number) => textField({ min: 1, max });

/** The bureau's party details, and the default terms of new contracts within the bounds of any contract's. */
export const bureauConfigInput = withTermOrder(
  z.object({
    name: text(100),
    legalRepresentative: text(50),
    address: text(200),
    phone: text(30),
    uscc: z.string().transform(normalizeUscc).refine(isValidUscc, { message: "USCC_INVALID" }),
    bankName: text(100),
    bankAccount: text(40),
    ...contractTermFields,
  }),
);

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
  await recordAudit(
    db,
    actor,
    { action: "bureau.config.updated", entityType: "BureauConfig", entityId: "1", detail: changed },
    now,
  );
  return after;
}
