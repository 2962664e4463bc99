import { z } from "zod";
import { changePassword, listSessions, revokeOwnSession } from "../../auth/accounts";
import { protectedProcedure, router } from "../trpc";

export const accountRouter = router({
  me: protectedProcedure.query(({ ctx }) => ({
    id: ctx.user.id,
    email: ctx.user.email,
    name: ctx.user.name,
    role: ctx.user.role,
    enterpriseId: ctx.user.enterpriseId,
  })),

  changePassword: protectedProcedure
    .input(z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }))
    .mutation(({ ctx, input }) => changePassword(ctx.db, ctx.actor, input, ctx.now)),

  sessions: protectedProcedure.query(async ({ ctx }) => {
    const sessions = await listSessions(ctx.db, ctx.user.id, ctx.now);
    return sessions.map((s) => ({ ...s, current: s.id === ctx.user.sessionId }));
  }),

  revokeSession: protectedProcedure
    .input(z.object({ sessionId: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => revokeOwnSession(ctx.db, ctx.actor, input.sessionId, ctx.now)),
});
