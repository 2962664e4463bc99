// Validated inputs of the contract domain, shared by the routers and the forms.
import { z } from "zod";
import { parseChinaDate } from "../clock";
import { normalizeUscc } from "../enterprises/uscc";
import { text as textField } from "../validation/text";
import { PaymentMethod } from "../generated/prisma/enums";

const text = (max: number) => textField({ min: 1, max });

export const chinaDateInput = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    try {
      parseChinaDate(s);
      return true;
    } catch {
      return false;
    }
  }, "not a calendar date");

/** Every party field of 乙方. USCC, phone and mobile are checked by the service with their own error codes. */
export const enterpriseDetailsInput = z.object({
  name: text(100),
  legalRepresentative: text(50),
  address: text(200),
  phone: text(40),
  uscc: z.string().trim().min(1).max(30).transform(normalizeUscc),
  bankName: text(100),
  bankAccount: text(40),
  contactName: text(50),
  contactEmail: z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(320)),
  contactMobile: text(30),
});
export type EnterpriseDetailsInput = z.infer<typeof enterpriseDetailsInput>;

const emailInput = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(320));

export const registrationInput = z.object({
  enterprise: enterpriseDetailsInput,
  admin: z.object({
    name: text(50),
    email: emailInput,
    password: z.string().min(1).max(200),
  }),
  packageCode: text(30),
  /** Proposed first day of validity; defaults to the 1st of next month. */
  startDate: chinaDateInput.optional(),
});
export type RegistrationInput = z.infer<typeof registrationInput>;

/** One step of the registration form, checked before the next: the enterprise (step 1), the admin's e-mail (step 2). */
export const registrationStepInput = z.object({
  enterprise: enterpriseDetailsInput.optional(),
  adminEmail: emailInput.optional(),
});
export type RegistrationStepInput = z.infer<typeof registrationStepInput>;

const day = z.number().int().min(1).max(28);

/** The bounds of a contract's terms: the bureau's defaults for new contracts and every negotiated contract keep to them. */
export const contractTermFields = {
  paymentWindowStartDay: day,
  paymentWindowEndDay: day,
  graceDays: z.number().int().min(0).max(90),
  lateFeeRatePpm: z.number().int().min(0).max(100_000),
  suspensionAfterDays: z.number().int().min(0).max(365),
  changeCutoffDay: day,
  renewalYears: z.number().int().min(1).max(10),
  objectionNoticeDays: z.number().int().min(1).max(365),
  arbitrationCommission: text(100),
  depositFen: z.number().int().min(0).max(10_000_000_000),
  freePackageDailyCap: z.number().int().min(1).max(10_000_000),
  signingPlace: text(100),
};

interface TermOrder {
  paymentWindowStartDay: number;
  paymentWindowEndDay: number;
  graceDays: number;
  suspensionAfterDays: number;
}

/** The payment window ends on or after the day it starts; suspension comes no sooner than the grace period ends. */
export function withTermOrder<S extends z.ZodType<TermOrder>>(schema: S): S {
  return schema
    .refine((t: TermOrder) => t.paymentWindowEndDay >= t.paymentWindowStartDay, {
      path: ["paymentWindowEndDay"],
      message: "payment window ends before it starts",
    })
    .refine((t: TermOrder) => t.suspensionAfterDays >= t.graceDays, {
      path: ["suspensionAfterDays"],
      message: "suspension comes before the grace period ends",
    });
}

/** The terms SALES may negotiate before (and amend after) activation. */
export const negotiableTermsInput = withTermOrder(
  z.object({
    packageCode: text(30).optional(),
    startDate: chinaDateInput,
    endDate: chinaDateInput,
    ...contractTermFields,
  }),
).refine((t) => t.endDate > t.startDate, { path: ["endDate"], message: "end date must be after the start date" });
export type NegotiableTermsInput = z.infer<typeof negotiableTermsInput>;

/** How money reaches the bureau; DEPOSIT_OFFSET is written by the deposit settlement only, never entered. */
export const paymentMethodInput = z.enum(PaymentMethod).exclude(["DEPOSIT_OFFSET"]);

export const depositInput = z.object({
  contractId: text(64),
  amountFen: z.number().int().min(1).max(10_000_000_000),
  method: paymentMethodInput,
  reference: textField({ max: 100 }).optional(),
  occurredOn: chinaDateInput,
  /** Collecting more than the contract's deposit: FINANCE's reason. */
  overCollectReason: textField({ max: 1000, multiline: true }).optional(),
});
export type DepositInput = z.infer<typeof depositInput>;

export const reasonInput = textField({ min: 2, max: 1000, multiline: true });
