import { z } from "zod";
import { completePasswordReset, lookupPasswordReset, requestPasswordReset } from "../../auth/password-reset";
import { text } from "../../validation/text";
import { publicProcedure, router } from "../trpc";

// Any string up to the right length: a malformed token is answered RESET_TOKEN_INVALID by the service.
const token = z.string().min(1).max(100);

export const passwordResetRouter = router({
  request: publicProcedure
    .input(z.object({ email: text({ min: 3, max: 320 }).pipe(z.email()) }))
    .mutation(({ ctx, input }) =>
      requestPasswordReset(ctx.db, input, { ip: ctx.ip, userAgent: ctx.userAgent }, ctx.now),
    ),
  lookup: publicProcedure
    .input(z.object({ token }))
    .query(({ ctx, input }) => lookupPasswordReset(ctx.db, input.token, ctx.now)),
  complete: publicProcedure
    .input(z.object({ token, newPassword: z.string().min(1).max(200) }))
    .mutation(({ ctx, input }) =>
      completePasswordReset(ctx.db, input, { ip: ctx.ip, userAgent: ctx.userAgent }, ctx.now),
    ),
});
