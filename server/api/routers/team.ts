import { z } from "zod";
import {
  acceptInvitation,
  disableOperator,
  enableOperator,
  inviteOperator,
  listInvitations,
  listMembers,
  lookupInvitation,
  revokeInvitation,
} from "../../team/members";
import { customerAdminProcedure, customerProcedure, publicProcedure, router } from "../trpc";
import { text } from "../../validation/text";

const id = z.string().min(1).max(64);
// 32 random bytes in base64url are 43 characters; anything else cannot be a token.
const token = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const teamRouter = router({
  /** Every user of the caller's enterprise; operators see it read-only. */
  members: customerProcedure.query(({ ctx }) => listMembers(ctx.db, ctx.enterpriseId)),

  invitations: customerAdminProcedure.query(({ ctx }) => listInvitations(ctx.db, ctx.enterpriseId, ctx.now)),

  /** Returns the accept path with its token: shown to the admin once, never stored. */
  invite: customerAdminProcedure
    .input(
      z.object({
        name: text({ min: 1, max: 50 }),
        email: z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(320)),
      }),
    )
    .mutation(({ ctx, input }) =>
      inviteOperator(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input, ctx.now),
    ),

  revokeInvitation: customerAdminProcedure
    .input(z.object({ invitationId: id }))
    .mutation(({ ctx, input }) =>
      revokeInvitation(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input.invitationId, ctx.now),
    ),

  disable: customerAdminProcedure
    .input(z.object({ userId: id }))
    .mutation(({ ctx, input }) =>
      disableOperator(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input.userId, ctx.now),
    ),

  enable: customerAdminProcedure
    .input(z.object({ userId: id }))
    .mutation(({ ctx, input }) =>
      enableOperator(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input.userId, ctx.now),
    ),

  /** The invitee's side, by token, before signing in. */
  invitation: router({
    lookup: publicProcedure
      .input(z.object({ token }))
      .query(({ ctx, input }) => lookupInvitation(ctx.db, input.token, ctx.now)),
    accept: publicProcedure
      .input(z.object({ token, password: z.string().min(1).max(200) }))
      .mutation(({ ctx, input }) => acceptInvitation(ctx.db, input, { ip: ctx.ip, userAgent: ctx.userAgent }, ctx.now)),
  }),
});
