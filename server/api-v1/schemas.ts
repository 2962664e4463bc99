// Request and response shapes of the HTTP API v1: the zod schemas validate requests and are turned
// into the OpenAPI document's JSON Schemas (openapi.ts), so the document cannot drift from the code.
import { z } from "zod";
import { text } from "../validation/text";
import { MessagePurpose } from "../generated/prisma/enums";

export const MAX_RECIPIENTS = 10_000;
export const MAX_CONTENT_LENGTH = 1_000;
export const MAX_CLIENT_REF_LENGTH = 64;
/** Largest request body read; 10,000 numbers with "+86" and quotes fit comfortably. */
export const MAX_BODY_BYTES = 512 * 1024;

export const PURPOSES = Object.values(MessagePurpose);
export const JOB_STATUSES = [
  "SCHEDULED",
  "HELD_FOR_REVIEW",
  "REJECTED",
  "QUEUED",
  "SENDING",
  "COMPLETED",
  "CANCELLED",
] as const;
export const RECIPIENT_OUTCOMES = ["ACCEPTED", "OPTED_OUT", "NOT_ALLOWED", "INVALID_NUMBER"] as const;
export const sendMessagesRequest = z
  .object({
    to: z
      .array(text({ min: 1, max: 32, trim: false }))
      .min(1)
      .max(MAX_RECIPIENTS),
    content: text({ min: 1, max: MAX_CONTENT_LENGTH, multiline: true, trim: false }).refine(
      (s) => s.trim().length > 0,
      { message: "content is blank" },
    ),
    purpose: z.enum(PURPOSES),
    scheduleAt: z.iso.datetime({ offset: true }).optional(),
    clientRef: text({ min: 1, max: MAX_CLIENT_REF_LENGTH, trim: false }).optional(),
  })
  .strict();

export type SendMessagesRequest = z.infer<typeof sendMessagesRequest>;

export const recipientOutcome = z.object({
  to: z.string(),
  status: z.enum(RECIPIENT_OUTCOMES),
  messageId: z.string().optional(),
});

export const warning = z.object({ code: z.literal("CONTENT_HELD_FOR_REVIEW"), message: z.string() });

export const sendMessagesResponse = z.object({
  jobId: z.string(),
  status: z.enum(JOB_STATUSES),
  segmentsPerMessage: z.number().int(),
  accepted: z.number().int(),
  skipped: z.number().int(),
  clientRef: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  recipients: z.array(recipientOutcome),
  warning: warning.optional(),
});

export type SendMessagesResponse = z.infer<typeof sendMessagesResponse>;

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});
