import { z } from "zod";
import { AppError } from "../../errors";
import { JobRunStatus } from "../../generated/prisma/enums";
import { describeFunctions } from "../../inngest/describe";
import { functions } from "../../inngest/functions";
import { getRun, listRecentRuns, requestManualRun } from "../../inngest/runs";
import { bureauProcedure, pageInput, router } from "../trpc";
import { text } from "../../validation/text";

export const jobsRouter = router({
  functions: bureauProcedure("BUREAU_ADMIN").query(({ ctx }) => describeFunctions(functions, ctx.now)),

  list: bureauProcedure("BUREAU_ADMIN")
    .input(
      pageInput.extend({ status: z.enum(JobRunStatus).optional(), functionId: text({ min: 1, max: 100 }).optional() }),
    )
    .query(({ ctx, input }) => listRecentRuns(ctx.db, input)),

  get: bureauProcedure("BUREAU_ADMIN")
    .input(z.object({ id: z.string().min(1).max(64) }))
    .query(async ({ ctx, input }) => {
      const run = await getRun(ctx.db, input.id);
      if (!run) throw new AppError("NOT_FOUND");
      return run;
    }),

  runNow: bureauProcedure("BUREAU_ADMIN")
    .input(z.object({ functionId: text({ min: 1, max: 100 }) }))
    .mutation(({ ctx, input }) => requestManualRun(ctx.db, functions, ctx.actor, input.functionId, ctx.now)),
});
