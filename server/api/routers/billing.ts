// Billing (二 3 – 二 6): customers read their own account and file package change forms; FINANCE
// (and bureau admins) record payments, credit notes and adjustments and see receivables.
import { z } from "zod";
import { submitPackageChange, withdrawPackageChange, packageChanges } from "../../billing/package-changes";
import { addAdjustment, issueCreditNote, recordPayment } from "../../billing/payments";
import {
  AGING_SORTS,
  agingReport,
  contractAccount,
  CONTRACT_STATEMENT_SORTS,
  contractStatements,
  customerBillingOverview,
  listCreditNotes,
  listInvoices,
  listPayments,
  listStatements,
  OVERDUE_SORTS,
  overdueReport,
  receivables,
  revenueByMonth,
  statementDetail,
} from "../../billing/queries";
import { listTaxRates, setTaxRate } from "../../billing/tax-rates";
import { parseChinaDate } from "../../clock";
import { paymentMethodInput } from "../../contracts/inputs";
import { bureauProcedure, customerAdminProcedure, customerProcedure, pageInput, router } from "../trpc";
import { text } from "../../validation/text";

const id = z.string().min(1).max(64);
const chinaDate = z.string().refine((text) => {
  try {
    parseChinaDate(text);
    return true;
  } catch {
    return false;
  }
}, "YYYY-MM-DD");
const amountFen = z.number().int().min(1).max(1_000_000_000);
const reason = text({ min: 1, max: 500, multiline: true });
const money = bureauProcedure("FINANCE");
const listInput = <S extends string>(sorts: readonly [S, ...S[]], sort: S) =>
  pageInput.extend({
    sort: z.enum(sorts).default(sort),
    dir: z.enum(["asc", "desc"]).default("desc"),
    search: text({ max: 100 }).optional(),
  });

export const billingRouter = router({
  overview: customerProcedure.query(({ ctx }) => customerBillingOverview(ctx.db, ctx.enterpriseId, ctx.now)),
  statements: customerProcedure.query(({ ctx }) => listStatements(ctx.db, { enterpriseId: ctx.enterpriseId }, ctx.now)),
  statement: customerProcedure
    .input(z.object({ id }))
    .query(({ ctx, input }) => statementDetail(ctx.db, input.id, ctx.enterpriseId, ctx.now)),
  payments: customerProcedure.query(({ ctx }) => listPayments(ctx.db, { enterpriseId: ctx.enterpriseId })),
  invoices: customerProcedure.query(({ ctx }) => listInvoices(ctx.db, ctx.enterpriseId)),
  creditNotes: customerProcedure.query(({ ctx }) => listCreditNotes(ctx.db, ctx.enterpriseId)),

  packageChanges: customerProcedure.query(({ ctx }) => packageChanges(ctx.db, ctx.enterpriseId)),
  submitPackageChange: customerAdminProcedure
    .input(z.object({ packageCode: text({ min: 1, max: 32 }), reason }))
    .mutation(({ ctx, input }) =>
      submitPackageChange(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input, ctx.now),
    ),
  withdrawPackageChange: customerAdminProcedure
    .input(z.object({ id }))
    .mutation(({ ctx, input }) =>
      withdrawPackageChange(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input.id, ctx.now),
    ),

  bureau: router({
    receivables: money.query(({ ctx }) => receivables(ctx.db, ctx.now)),
    aging: money.input(listInput(AGING_SORTS, "owed")).query(({ ctx, input }) => agingReport(ctx.db, input, ctx.now)),
    overdue: money
      .input(listInput(OVERDUE_SORTS, "daysOverdue"))
      .query(({ ctx, input }) => overdueReport(ctx.db, input, ctx.now)),
    statementList: money
      .input(
        listInput(CONTRACT_STATEMENT_SORTS, "period").extend({
          contractId: id,
          status: z.enum(["ALL", "OPEN", "SETTLED"]).default("ALL"),
        }),
      )
      .query(({ ctx, input }) => contractStatements(ctx.db, input.contractId, input, ctx.now)),
    account: money
      .input(z.object({ contractId: id }))
      .query(({ ctx, input }) => contractAccount(ctx.db, input.contractId, ctx.now)),
    revenue: money
      .input(z.object({ months: z.number().int().min(1).max(36).default(12) }))
      .query(({ ctx, input }) => revenueByMonth(ctx.db, input.months, ctx.now)),
    statements: money
      .input(z.object({ contractId: id }))
      .query(({ ctx, input }) => listStatements(ctx.db, { contractId: input.contractId }, ctx.now)),
    statement: money
      .input(z.object({ id }))
      .query(({ ctx, input }) => statementDetail(ctx.db, input.id, null, ctx.now)),
    payments: money
      .input(z.object({ contractId: id }))
      .query(({ ctx, input }) => listPayments(ctx.db, { contractId: input.contractId })),
    recordPayment: money
      .input(
        z.object({
          contractId: id,
          amountFen,
          method: paymentMethodInput,
          reference: text({ min: 1, max: 100 }),
          receivedOn: chinaDate,
        }),
      )
      .mutation(({ ctx, input }) => recordPayment(ctx.db, ctx.actor, input, ctx.now)),
    issueCreditNote: money
      .input(z.object({ statementId: id, amountFen, reason }))
      .mutation(({ ctx, input }) => issueCreditNote(ctx.db, ctx.actor, input, ctx.now)),
    taxRates: money.query(({ ctx }) => listTaxRates(ctx.db)),
    setTaxRate: money
      .input(z.object({ rateBp: z.number().int().min(0).max(10_000), effectiveOn: chinaDate }))
      .mutation(({ ctx, input }) => setTaxRate(ctx.db, ctx.actor, input, ctx.now)),
    addAdjustment: money
      .input(z.object({ contractId: id, amountFen, reason }))
      .mutation(({ ctx, input }) => addAdjustment(ctx.db, ctx.actor, input, ctx.now)),
  }),
});
