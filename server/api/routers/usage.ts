// Metering and usage reports (二 2, 二 3) and what the package change form needs (二 6). Customers read
// their own enterprise; FINANCE and bureau admins read usage of the enterprise they name.
import { z } from "zod";
import { packageChangeOutlook } from "../../billing/package-changes";
import { meteringSummary, USAGE_GROUPINGS, usageEnterpriseFor, usageRange, usageReport } from "../../billing/usage";
import { customerProcedure, protectedProcedure, router } from "../trpc";

const chinaDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

export const usageRouter = router({
  metering: customerProcedure.query(({ ctx }) => meteringSummary(ctx.db, ctx.enterpriseId, ctx.now)),

  report: protectedProcedure
    .input(
      z.object({
        from: chinaDate.optional(),
        to: chinaDate.optional(),
        by: z.enum(USAGE_GROUPINGS).default("day"),
        enterpriseId: z.string().min(1).max(64).optional(),
      }),
    )
    .query(({ ctx, input }) =>
      usageReport(ctx.db, usageEnterpriseFor(ctx.user, input.enterpriseId), usageRange(input, ctx.now)),
    ),

  /** The contract's packages over time and the change form's outlook (pending change, effective date if filed now). */
  packages: customerProcedure.query(({ ctx }) => packageChangeOutlook(ctx.db, ctx.enterpriseId, ctx.now)),
});
