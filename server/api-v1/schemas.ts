// Request and response shapes of the HTTP API v1. The request schema validates what clients send;
// the response schemas type the functions that build the bodies (sending/views.ts, http.ts,
// errors.ts). openapi.ts turns all of them into the document's JSON Schemas with z.toJSONSchema,
// so the document cannot drift from the code.
import { z } from "zod";
import { text } from "../validation/text";
import { MessagePurpose, MessageStatus, SendSource } from "../generated/prisma/enums";
import { isFinalStatus } from "../sending/status";

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
  scheduledAt: z.iso.datetime().nullable(),
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

export type ErrorResponse = z.output<typeof errorResponse>;

const dateTime = z.iso.datetime();
const MESSAGE_STATES = Object.values(MessageStatus);

/** GET /api/v1/jobs/{id} */
export const jobResponse = z.object({
  jobId: z.string(),
  status: z.enum(JOB_STATUSES),
  source: z.enum(SendSource),
  purpose: z.enum(MessagePurpose),
  clientRef: z.string().nullable(),
  segmentsPerMessage: z.number().int(),
  recipients: z.number().int(),
  accepted: z.number().int(),
  skipped: z.number().int(),
  counts: z.record(z.enum(MESSAGE_STATES), z.number().int()),
  progress: z.object({ total: z.number().int(), done: z.number().int(), percent: z.number().int().min(0).max(100) }),
  scheduledAt: dateTime.nullable(),
  createdAt: dateTime,
  startedAt: dateTime.nullable(),
  completedAt: dateTime.nullable(),
  cancelledAt: dateTime.nullable(),
  review: z
    .object({ terms: z.array(z.string()), note: z.string().nullable(), reviewedAt: dateTime.nullable() })
    .nullable(),
});

export type JobResponse = z.output<typeof jobResponse>;

/** GET /api/v1/messages/{id} */
export const messageResponse = z.object({
  messageId: z.string(),
  jobId: z.string(),
  to: z.string(),
  status: z.enum(MESSAGE_STATES),
  segments: z.number().int(),
  errorCode: z.string().nullable(),
  createdAt: dateTime,
  submittedAt: dateTime.nullable(),
  finalAt: dateTime.nullable(),
});

export type MessageResponse = z.output<typeof messageResponse>;

/**
 * The body of a receipt webhook. It is built in SQL (sending/finalize.ts, jsonb_build_object) when
 * the message turns final, so no TypeScript function can be typed by it: the webhooks integration
 * test parses the delivered body with this schema instead.
 */
export const webhookPayload = z.object({
  messageId: z.string(),
  jobId: z.string(),
  clientRef: z.string().nullable(),
  to: z.string(),
  status: z.enum(MESSAGE_STATES.filter(isFinalStatus)),
  segments: z.number().int(),
  errorCode: z.string().nullable(),
  finalAt: dateTime,
});

export type WebhookPayload = z.output<typeof webhookPayload>;
