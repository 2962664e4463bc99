import { z } from "zod";
import { listUsers, unlockUser } from "../../auth/accounts";
import { bureauProcedure, pageInput, router } from "../trpc";
import { text } from "../../validation/text";

export const usersRouter = router({
  list: bureauProcedure("BUREAU_ADMIN")
    .input(pageInput.extend({ search: text({ max: 100 }).optional(), lockedOnly: z.boolean().default(false) }))
    .query(({ ctx, input }) => listUsers(ctx.db, input, ctx.now)),

  unlock: bureauProcedure("BUREAU_ADMIN")
    .input(z.object({ userId: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => unlockUser(ctx.db, ctx.actor, input.userId, ctx.now)),
});
