// /bureau/mail: the reminder log and the local catcher's mail, for FINANCE and bureau admins.
import { z } from "zod";
import { listReminderLog } from "../../billing/reminders";
import { ReminderChannel, ReminderKind, ReminderStatus } from "../../generated/prisma/enums";
import { getCaughtMail, listCaughtMails } from "../../mail/caught";
import { bureauProcedure, pageInput, router } from "../trpc";
import { text } from "../../validation/text";

const financeProcedure = bureauProcedure("FINANCE");

export const mailRouter = router({
  reminders: financeProcedure
    .input(
      pageInput.extend({
        status: z.enum(ReminderStatus).optional(),
        kind: z.enum(ReminderKind).optional(),
        channel: z.enum(ReminderChannel).optional(),
      }),
    )
    .query(({ ctx, input }) => listReminderLog(ctx.db, input)),
  caught: financeProcedure
    .input(pageInput.extend({ search: text({ max: 100 }).optional() }))
    .query(({ ctx, input }) => listCaughtMails(ctx.db, input)),
  caughtMail: financeProcedure
    .input(z.object({ id: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => getCaughtMail(ctx.db, input.id)),
});
