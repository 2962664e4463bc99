import { z } from "zod";
import { ENTERPRISE_SORTS, getEnterprise, listEnterprises } from "../../enterprises/directory";
import { bureauProcedure, pageInput, router } from "../trpc";
import { text } from "../../validation/text";

export const customersRouter = router({
  list: bureauProcedure()
    .input(
      pageInput.extend({
        search: text({ max: 100 }).optional(),
        sort: z.enum(ENTERPRISE_SORTS).default("createdAt"),
        dir: z.enum(["asc", "desc"]).default("desc"),
      }),
    )
    .query(({ ctx, input }) => listEnterprises(ctx.db, input)),

  get: bureauProcedure()
    .input(z.object({ id: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => getEnterprise(ctx.db, input.id, ctx.now)),
});
