import { z } from "zod";
import { approvePartyChange } from "../../contracts/party-change";
import { enterpriseDetailsInput } from "../../contracts/inputs";
import {
  getEnterpriseChange,
  latestEnterpriseChange,
  listEnterpriseChanges,
  rejectEnterpriseChange,
  submitEnterpriseChange,
  withdrawEnterpriseChange,
} from "../../enterprises/change-requests";
import { bureauProcedure, customerAdminProcedure, customerProcedure, pageInput, router } from "../trpc";
import { text } from "../../validation/text";
import { RequestStatus } from "../../generated/prisma/enums";

const id = z.string().min(1).max(64);
/** Proposed values, checked like registration's; omitted fields stay as they are. */
const proposedChangesInput = enterpriseDetailsInput.partial();

export const enterpriseChangesRouter = router({
  // ---- customer side: always the caller's own enterprise ----
  current: customerProcedure.query(({ ctx }) => latestEnterpriseChange(ctx.db, ctx.enterpriseId)),

  submit: customerAdminProcedure
    .input(proposedChangesInput)
    .mutation(({ ctx, input }) =>
      submitEnterpriseChange(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input, ctx.now),
    ),

  withdraw: customerAdminProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) =>
      withdrawEnterpriseChange(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input.id, ctx.now),
    ),

  // ---- bureau side (SALES decides) ----
  queue: bureauProcedure("SALES")
    .input(pageInput.extend({ status: z.enum(RequestStatus).default("PENDING") }))
    .query(({ ctx, input }) => listEnterpriseChanges(ctx.db, input)),

  get: bureauProcedure("SALES")
    .input(z.object({ id }))
    .query(({ ctx, input }) => getEnterpriseChange(ctx.db, input.id)),

  approve: bureauProcedure("SALES")
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => approvePartyChange(ctx.db, ctx.actor, input.id, ctx.now)),

  reject: bureauProcedure("SALES")
    .input(z.object({ id, reason: text({ max: 1000, multiline: true, trim: false }) }))
    .mutation(({ ctx, input }) => rejectEnterpriseChange(ctx.db, ctx.actor, input.id, input.reason, ctx.now)),
});
