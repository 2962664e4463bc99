import { z } from "zod";
import {
  approveContract,
  enterPaperContract,
  rejectContract,
  resubmitContract,
  updateContractTerms,
} from "../../contracts/review";
import { depositSettlement, offsetDeposit, recordDepositDecision } from "../../billing/deposits";
import { recordDepositReceived, reverseDepositEntry } from "../../contracts/deposit";
import {
  chinaDateInput,
  depositInput,
  enterpriseDetailsInput,
  negotiableTermsInput,
  paymentMethodInput,
  reasonInput,
} from "../../contracts/inputs";
import { decideTermination, lodgeObjection, requestTermination, terminateForCause } from "../../contracts/lifecycle";
import { CONTRACT_SORTS, contractDetail, currentContractOf, listContracts } from "../../contracts/queries";
import { AppError } from "../../errors";
import { bureauProcedure, customerAdminProcedure, customerProcedure, pageInput, router } from "../trpc";
import { text } from "../../validation/text";
import { ContractStatus } from "../../generated/prisma/enums";

const id = z.string().min(1).max(64);
const statusInput = z.enum(ContractStatus);
const terminationInput = z.object({ contractId: id, reason: reasonInput, effectiveOn: chinaDateInput });
const decisionInput = z.object({
  requestId: id,
  decision: z.enum(["CONFIRM", "DECLINE", "WITHDRAW"]),
  note: text({ max: 1000, multiline: true }).optional(),
});

/** The caller's own contract id; a customer can never name another enterprise's contract. */
async function ownContractId(ctx: { db: Parameters<typeof currentContractOf>[0]; enterpriseId: string; now: Date }) {
  const contract = await currentContractOf(ctx.db, ctx.enterpriseId, ctx.now);
  if (!contract) throw new AppError("NOT_FOUND");
  return contract.id;
}

export const contractsRouter = router({
  // ---- customer side: always the caller's own enterprise ----
  mine: customerProcedure.query(({ ctx }) => currentContractOf(ctx.db, ctx.enterpriseId, ctx.now)),

  resubmit: customerAdminProcedure
    .input(z.object({ enterprise: enterpriseDetailsInput, packageCode: text({ min: 1, max: 30 }) }))
    .mutation(({ ctx, input }) => resubmitContract(ctx.db, ctx.actor, ctx.enterpriseId, input, ctx.now)),

  lodgeObjection: customerAdminProcedure
    .input(z.object({ reason: reasonInput }))
    .mutation(async ({ ctx, input }) =>
      lodgeObjection(ctx.db, ctx.actor, "CUSTOMER", await ownContractId(ctx), input.reason, ctx.now),
    ),

  requestTermination: customerAdminProcedure
    .input(z.object({ reason: reasonInput, effectiveOn: chinaDateInput }))
    .mutation(async ({ ctx, input }) =>
      requestTermination(ctx.db, ctx.actor, "CUSTOMER", await ownContractId(ctx), input, ctx.now),
    ),

  decideTermination: customerAdminProcedure.input(decisionInput).mutation(async ({ ctx, input }) => {
    const contractId = await ownContractId(ctx);
    const request = await ctx.db.terminationRequest.findFirst({ where: { id: input.requestId, contractId } });
    if (!request) throw new AppError("NOT_FOUND");
    return decideTermination(ctx.db, ctx.actor, "CUSTOMER", input.requestId, input.decision, input.note, ctx.now);
  }),

  // ---- bureau side ----
  list: bureauProcedure()
    .input(
      pageInput.extend({
        status: statusInput.optional(),
        search: text({ max: 100 }).optional(),
        sort: z.enum(CONTRACT_SORTS).default("createdAt"),
        dir: z.enum(["asc", "desc"]).default("desc"),
      }),
    )
    .query(({ ctx, input }) => listContracts(ctx.db, input)),

  get: bureauProcedure()
    .input(z.object({ id }))
    .query(({ ctx, input }) => contractDetail(ctx.db, input.id, ctx.now)),

  approve: bureauProcedure("SALES")
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => approveContract(ctx.db, ctx.actor, input.id, ctx.now)),

  reject: bureauProcedure("SALES")
    .input(z.object({ id, reason: reasonInput }))
    .mutation(({ ctx, input }) => rejectContract(ctx.db, ctx.actor, input.id, input.reason, ctx.now)),

  updateTerms: bureauProcedure("SALES")
    .input(z.object({ id, terms: negotiableTermsInput }))
    .mutation(({ ctx, input }) => updateContractTerms(ctx.db, ctx.actor, input.id, input.terms, ctx.now)),

  enterPaper: bureauProcedure("SALES")
    .input(
      z.object({
        enterprise: enterpriseDetailsInput,
        admin: z.object({ name: text({ min: 1, max: 50 }), email: z.string().trim().toLowerCase().pipe(z.email()) }),
        packageCode: text({ min: 1, max: 30 }),
        signedOn: chinaDateInput,
        terms: negotiableTermsInput,
      }),
    )
    .mutation(({ ctx, input }) => enterPaperContract(ctx.db, ctx.actor, input, ctx.now)),

  recordDeposit: bureauProcedure("FINANCE")
    .input(depositInput)
    .mutation(({ ctx, input }) => recordDepositReceived(ctx.db, ctx.actor, input, ctx.now)),
  reverseDepositEntry: bureauProcedure("FINANCE")
    .input(z.object({ entryId: id, reason: reasonInput }))
    .mutation(({ ctx, input }) => reverseDepositEntry(ctx.db, ctx.actor, input, ctx.now)),

  depositDecision: bureauProcedure("FINANCE")
    .input(
      z.object({
        contractId: id,
        kind: z.enum(["REFUNDED", "KEPT"]),
        amountFen: z.number().int().min(1),
        method: paymentMethodInput.optional(),
        reference: text({ max: 100 }).optional(),
        occurredOn: chinaDateInput,
        reason: text({ max: 1000, multiline: true }).optional(),
        overrideOwedReason: text({ max: 1000, multiline: true }).optional(),
      }),
    )
    .mutation(({ ctx, input }) => recordDepositDecision(ctx.db, ctx.actor, input, ctx.now)),

  depositSettlement: bureauProcedure("FINANCE")
    .input(z.object({ contractId: id }))
    .query(({ ctx, input }) => depositSettlement(ctx.db, input.contractId, ctx.now)),

  offsetDeposit: bureauProcedure("FINANCE")
    .input(z.object({ contractId: id, amountFen: z.number().int().min(1).optional(), occurredOn: chinaDateInput }))
    .mutation(({ ctx, input }) => offsetDeposit(ctx.db, ctx.actor, input, ctx.now)),

  terminateForCause: bureauProcedure("COMPLIANCE")
    .input(z.object({ id, cause: z.enum(["PROHIBITED_CONTENT", "CARRIER_POLICY"]), reason: reasonInput }))
    .mutation(({ ctx, input }) => terminateForCause(ctx.db, ctx.actor, input.id, input.cause, input.reason, ctx.now)),

  bureauObjection: bureauProcedure("SALES")
    .input(z.object({ id, reason: reasonInput }))
    .mutation(({ ctx, input }) => lodgeObjection(ctx.db, ctx.actor, "BUREAU", input.id, input.reason, ctx.now)),

  bureauRequestTermination: bureauProcedure("SALES")
    .input(terminationInput)
    .mutation(({ ctx, input }) => requestTermination(ctx.db, ctx.actor, "BUREAU", input.contractId, input, ctx.now)),

  bureauDecideTermination: bureauProcedure("SALES")
    .input(decisionInput)
    .mutation(({ ctx, input }) =>
      decideTermination(ctx.db, ctx.actor, "BUREAU", input.requestId, input.decision, input.note, ctx.now),
    ),
});
