// The portal's sending: compose (preview, send, cancel) and what the customer sees of its jobs,
// messages and replies. Every query is scoped to the caller's enterprise; the rules live in
// server/sending (accept, cancel) and the read side in server/api-v1/views.
import { z } from "zod";
import {
  composeContacts,
  composeGroups,
  composeSignature,
  getCustomerJob,
  listCustomerJobs,
  listCustomerReplies,
  listJobMessages,
  MESSAGE_STATES,
  searchCustomerMessages,
} from "../../sending/views";
import { parseChinaDate } from "../../clock";
import { normalizeMobile } from "../../phone";
import { PURPOSES } from "../../api-v1/schemas";
import { acceptSendJob, previewSendJob, type SendJobInput } from "../../sending/accept";
import { cancelSendJob } from "../../sending/cancel";
import { customerProcedure, pageInput, router } from "../trpc";
import { text } from "../../validation/text";
import { SendJobStatus } from "../../generated/prisma/enums";

const MAX_PICKED = 10_000;
const id = z.string().min(1).max(64);
const chinaDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    try {
      parseChinaDate(s);
      return true;
    } catch {
      return false;
    }
  });

const composeInput = z.object({
  purpose: z.enum(PURPOSES),
  content: text({ max: 1_000, multiline: true, trim: false }),
  groupIds: z.array(id).max(500).default([]),
  contactIds: z.array(id).max(MAX_PICKED).default([]),
  /** Pasted numbers, as typed: split on commas, semicolons, whitespace and new lines. */
  numbers: text({ max: 200_000, multiline: true, trim: false }).default(""),
  scheduleAt: z.date().optional(),
});

/** One number per line or separated by commas/semicolons; spaces separate numbers only when the piece is not one number written with spaces ("+86 138 0013 8000"). */
function splitPastedNumbers(text: string): string[] {
  return text
    .split(/[\r\n,;，；、\t]+/)
    .map((piece) => piece.trim())
    .filter(Boolean)
    .flatMap((piece) => (normalizeMobile(piece) ? [piece] : piece.split(/\s+/)));
}

function toSendInput(input: z.infer<typeof composeInput>): SendJobInput {
  const numbers = splitPastedNumbers(input.numbers);
  return {
    source: "PORTAL",
    purpose: input.purpose,
    content: input.content,
    recipients: { groupIds: input.groupIds, contactIds: input.contactIds, numbers },
    scheduleAt: input.scheduleAt,
  };
}

export const sendingRouter = router({
  composeOptions: customerProcedure.query(async ({ ctx }) => ({
    signature: await composeSignature(ctx.db, ctx.enterpriseId),
    groups: await composeGroups(ctx.db, ctx.enterpriseId),
  })),

  contacts: customerProcedure
    .input(z.object({ search: text({ max: 50, trim: false }).default("") }))
    .query(({ ctx, input }) => composeContacts(ctx.db, ctx.enterpriseId, input.search)),

  preview: customerProcedure
    .input(composeInput)
    .mutation(({ ctx, input }) => previewSendJob(ctx.db, ctx.enterpriseId, toSendInput(input), ctx.now)),

  send: customerProcedure.input(composeInput).mutation(async ({ ctx, input }) => {
    const job = await acceptSendJob(
      ctx.db,
      { ...ctx.actor, enterpriseId: ctx.enterpriseId },
      toSendInput(input),
      ctx.now,
    );
    // The per-recipient list can be long; the job page shows it.
    return {
      jobId: job.jobId,
      status: job.status,
      accepted: job.accepted,
      skipped: job.skipped,
      segmentsPerMessage: job.segmentsPerMessage,
    };
  }),

  cancel: customerProcedure
    .input(z.object({ jobId: id }))
    .mutation(({ ctx, input }) =>
      cancelSendJob(ctx.db, { ...ctx.actor, enterpriseId: ctx.enterpriseId }, input.jobId, ctx.now),
    ),

  jobs: customerProcedure
    .input(
      pageInput.extend({
        status: z.enum(SendJobStatus).optional(),
        search: text({ max: 100, trim: false }).optional(),
      }),
    )
    .query(({ ctx, input }) => listCustomerJobs(ctx.db, ctx.enterpriseId, input)),

  job: customerProcedure
    .input(z.object({ jobId: id }))
    .query(({ ctx, input }) => getCustomerJob(ctx.db, ctx.enterpriseId, input.jobId)),

  jobMessages: customerProcedure
    .input(
      pageInput.extend({
        jobId: id,
        status: z.enum(MESSAGE_STATES).optional(),
        mobile: text({ max: 20, trim: false }).optional(),
      }),
    )
    .query(({ ctx, input }) => listJobMessages(ctx.db, ctx.enterpriseId, input)),

  messages: customerProcedure
    .input(
      pageInput.extend({
        mobile: text({ max: 20, trim: false }).optional(),
        from: chinaDate.optional(),
        to: chinaDate.optional(),
        status: z.enum(MESSAGE_STATES).optional(),
      }),
    )
    .query(({ ctx, input }) =>
      searchCustomerMessages(ctx.db, ctx.enterpriseId, {
        ...input,
        from: input.from ? parseChinaDate(input.from) : undefined,
        to: input.to ? parseChinaDate(input.to) : undefined,
      }),
    ),

  replies: customerProcedure
    .input(pageInput.extend({ mobile: text({ max: 20, trim: false }).optional() }))
    .query(({ ctx, input }) => listCustomerReplies(ctx.db, ctx.enterpriseId, input)),
});
