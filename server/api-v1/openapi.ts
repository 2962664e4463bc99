// The OpenAPI 3.1 document of the HTTP API v1, in Chinese or English. Its limits and enums come
// from the same constants the request schema and the error table use, so the document cannot drift
// from what the API enforces; the portal's docs page renders its tables from this document too.
import { type Locale, type MessageKey, translator } from "../i18n";
import { API_ERROR_STATUS, type ApiErrorCode } from "./errors";
import { IDEMPOTENCY_TTL_MS, MAX_IDEMPOTENCY_KEY_LENGTH } from "./idempotency";
import { isFinalStatus } from "../sending/status";
import {
  MAX_CLIENT_REF_LENGTH,
  MAX_CONTENT_LENGTH,
  MAX_RECIPIENTS,
  JOB_STATUSES,
  PURPOSES,
  RECIPIENT_OUTCOMES,
} from "./schemas";
import { MESSAGE_STATES } from "../sending/views";
import { DELIVERY_HEADER, SIGNATURE_HEADER } from "../webhooks/signing";
import { SendSource } from "../generated/prisma/enums";

/** The codes the docs list, in the order a reader meets them. */
export const DOCUMENTED_ERROR_CODES: ApiErrorCode[] = [
  "INVALID_REQUEST",
  "TEXT_INVALID_CHARACTERS",
  "TEXT_INVISIBLE_ONLY",
  "UNAUTHORIZED",
  "INVALID_NUMBER",
  "RECIPIENT_NOT_ALLOWED",
  "OPTED_OUT",
  "CONTENT_BLOCKED",
  "SIGNATURE_MISSING",
  "DAILY_CAP_EXCEEDED",
  "CONTRACT_NOT_ACTIVE",
  "ACCOUNT_SUSPENDED",
  "RATE_LIMITED",
  "IDEMPOTENCY_CONFLICT",
  "NOT_FOUND",
  "METHOD_NOT_ALLOWED",
  "INTERNAL",
];

type Schema = Record<string, unknown>;

export function openApiDocument(locale: Locale, serverUrl = "") {
  const t = translator(locale);
  const d = (key: string) => t(`api.openapi.${key}` as MessageKey);
  const errorRef = { $ref: "#/components/responses/Error" };
  const counts: Schema = {
    type: "object",
    properties: Object.fromEntries(MESSAGE_STATES.map((s) => [s, { type: "integer" }])),
  };

  const sendRequest: Schema = {
    type: "object",
    additionalProperties: false,
    required: ["to", "content", "purpose"],
    properties: {
      to: {
        type: "array",
        minItems: 1,
        maxItems: MAX_RECIPIENTS,
        items: { type: "string", maxLength: 32 },
        description: d("fields.to"),
        examples: [["13800138000", "+86 138 0013 8001"]],
      },
      content: { type: "string", minLength: 1, maxLength: MAX_CONTENT_LENGTH, description: d("fields.content") },
      purpose: { type: "string", enum: [...PURPOSES], description: d("fields.purpose") },
      scheduleAt: { type: "string", format: "date-time", description: d("fields.scheduleAt") },
      clientRef: { type: "string", minLength: 1, maxLength: MAX_CLIENT_REF_LENGTH, description: d("fields.clientRef") },
    },
  };
  const sendResponse: Schema = {
    type: "object",
    required: [
      "jobId",
      "status",
      "segmentsPerMessage",
      "accepted",
      "skipped",
      "clientRef",
      "scheduledAt",
      "recipients",
    ],
    properties: {
      jobId: { type: "string", description: d("fields.jobId") },
      status: { type: "string", enum: [...JOB_STATUSES], description: d("fields.jobStatus") },
      segmentsPerMessage: { type: "integer", description: d("fields.segmentsPerMessage") },
      accepted: { type: "integer", description: d("fields.accepted") },
      skipped: { type: "integer", description: d("fields.skipped") },
      clientRef: { type: ["string", "null"], description: d("fields.clientRef") },
      scheduledAt: { type: ["string", "null"], format: "date-time", description: d("fields.scheduledAt") },
      recipients: {
        type: "array",
        description: d("fields.recipients"),
        items: {
          type: "object",
          required: ["to", "status"],
          properties: {
            to: { type: "string", description: d("fields.recipientTo") },
            status: { type: "string", enum: [...RECIPIENT_OUTCOMES], description: d("fields.recipientStatus") },
            messageId: { type: "string", description: d("fields.messageId") },
          },
        },
      },
      warning: {
        type: "object",
        description: d("fields.warning"),
        properties: {
          code: { type: "string", enum: ["CONTENT_HELD_FOR_REVIEW"], description: d("fields.warningCode") },
          message: { type: "string", description: d("fields.warningMessage") },
        },
      },
    },
  };
  const job: Schema = {
    type: "object",
    properties: {
      jobId: { type: "string", description: d("fields.jobId") },
      status: { type: "string", enum: [...JOB_STATUSES], description: d("fields.jobStatus") },
      source: { type: "string", enum: Object.values(SendSource), description: d("fields.source") },
      purpose: { type: "string", enum: [...PURPOSES], description: d("fields.purpose") },
      clientRef: { type: ["string", "null"], description: d("fields.clientRef") },
      segmentsPerMessage: { type: "integer", description: d("fields.segmentsPerMessage") },
      recipients: { type: "integer", description: d("fields.jobRecipients") },
      accepted: { type: "integer", description: d("fields.accepted") },
      skipped: { type: "integer", description: d("fields.skipped") },
      counts: { ...counts, description: d("fields.counts") },
      progress: {
        type: "object",
        description: d("fields.progress"),
        properties: {
          total: { type: "integer" },
          done: { type: "integer" },
          percent: { type: "integer", minimum: 0, maximum: 100 },
        },
      },
      scheduledAt: { type: ["string", "null"], format: "date-time" },
      createdAt: { type: "string", format: "date-time", description: d("fields.createdAt") },
      startedAt: { type: ["string", "null"], format: "date-time", description: d("fields.startedAt") },
      completedAt: { type: ["string", "null"], format: "date-time", description: d("fields.completedAt") },
      cancelledAt: { type: ["string", "null"], format: "date-time", description: d("fields.cancelledAt") },
      review: {
        type: ["object", "null"],
        description: d("fields.review"),
        properties: {
          terms: { type: "array", items: { type: "string" } },
          note: { type: ["string", "null"] },
          reviewedAt: { type: ["string", "null"], format: "date-time" },
        },
      },
    },
  };
  const message: Schema = {
    type: "object",
    properties: {
      messageId: { type: "string", description: d("fields.messageId") },
      jobId: { type: "string", description: d("fields.jobId") },
      to: { type: "string", description: d("fields.messageTo") },
      status: { type: "string", enum: [...MESSAGE_STATES], description: d("fields.messageStatus") },
      segments: { type: "integer", description: d("fields.segments") },
      errorCode: { type: ["string", "null"], description: d("fields.messageErrorCode") },
      createdAt: { type: "string", format: "date-time", description: d("fields.createdAt") },
      submittedAt: { type: ["string", "null"], format: "date-time", description: d("fields.submittedAt") },
      finalAt: { type: ["string", "null"], format: "date-time", description: d("fields.finalAt") },
    },
  };
  const error: Schema = {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["code", "message"],
        properties: {
          code: { type: "string", enum: DOCUMENTED_ERROR_CODES, description: d("fields.errorCode") },
          message: { type: "string", description: d("fields.errorMessage") },
          details: {
            type: "array",
            description: d("fields.errorDetails"),
            items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } },
          },
        },
      },
    },
  };
  const webhookPayload: Schema = {
    type: "object",
    properties: {
      messageId: { type: "string", description: d("fields.messageId") },
      jobId: { type: "string", description: d("fields.jobId") },
      clientRef: { type: ["string", "null"], description: d("fields.clientRef") },
      to: { type: "string", description: d("fields.messageTo") },
      status: { type: "string", enum: MESSAGE_STATES.filter(isFinalStatus), description: d("fields.messageStatus") },
      segments: { type: "integer", description: d("fields.segments") },
      errorCode: { type: ["string", "null"], description: d("fields.messageErrorCode") },
      finalAt: { type: "string", format: "date-time", description: d("fields.finalAt") },
    },
  };
  const acceptLanguage = {
    name: "Accept-Language",
    in: "header",
    required: false,
    schema: { type: "string", examples: ["zh", "en"] },
    description: d("headers.acceptLanguage"),
  };
  const errorsFor = (codes: ApiErrorCode[]) =>
    Object.fromEntries([...new Set(codes.map((c) => String(API_ERROR_STATUS[c])))].map((s) => [s, errorRef]));

  return {
    openapi: "3.1.0",
    info: { title: d("title"), version: "1.0.0", description: d("description") },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }, { apiKeyHeader: [] }],
    paths: {
      "/messages": {
        post: {
          operationId: "sendMessages",
          summary: d("sendMessages.summary"),
          description: d("sendMessages.description"),
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              schema: { type: "string", minLength: 1, maxLength: MAX_IDEMPOTENCY_KEY_LENGTH },
              description: d("headers.idempotencyKey"),
            },
            acceptLanguage,
          ],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/SendMessagesRequest" } } },
          },
          responses: {
            "202": {
              description: d("sendMessages.accepted"),
              headers: {
                Location: { description: d("headers.location"), schema: { type: "string" } },
                "Idempotent-Replayed": {
                  description: d("headers.replayed"),
                  schema: { type: "string", enum: ["true"] },
                },
              },
              content: { "application/json": { schema: { $ref: "#/components/schemas/SendMessagesResponse" } } },
            },
            ...errorsFor([
              "INVALID_REQUEST",
              "TEXT_INVALID_CHARACTERS",
              "TEXT_INVISIBLE_ONLY",
              "UNAUTHORIZED",
              "CONTRACT_NOT_ACTIVE",
              "IDEMPOTENCY_CONFLICT",
              "INVALID_NUMBER",
              "DAILY_CAP_EXCEEDED",
              "INTERNAL",
            ]),
          },
        },
      },
      "/jobs/{id}": {
        get: {
          operationId: "getJob",
          summary: d("getJob.summary"),
          description: d("getJob.description"),
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" }, description: d("params.jobId") },
            acceptLanguage,
          ],
          responses: {
            "200": {
              description: d("getJob.ok"),
              content: { "application/json": { schema: { $ref: "#/components/schemas/Job" } } },
            },
            ...errorsFor(["UNAUTHORIZED", "NOT_FOUND", "RATE_LIMITED"]),
          },
        },
      },
      "/messages/{id}": {
        get: {
          operationId: "getMessage",
          summary: d("getMessage.summary"),
          description: d("getMessage.description"),
          parameters: [
            {
              name: "id",
              in: "path",
              required: true,
              schema: { type: "string", pattern: "^[1-9][0-9]{0,18}$" },
              description: d("params.messageId"),
            },
            acceptLanguage,
          ],
          responses: {
            "200": {
              description: d("getMessage.ok"),
              content: { "application/json": { schema: { $ref: "#/components/schemas/Message" } } },
            },
            ...errorsFor(["UNAUTHORIZED", "NOT_FOUND", "RATE_LIMITED"]),
          },
        },
      },
      "/openapi.json": {
        get: {
          operationId: "openapi",
          summary: d("openapi.summary"),
          description: d("openapi.description"),
          security: [],
          responses: { "200": { description: d("openapi.ok") } },
        },
      },
    },
    webhooks: {
      messageFinal: {
        post: {
          summary: d("webhook.summary"),
          description: d("webhook.description"),
          parameters: [
            {
              name: SIGNATURE_HEADER,
              in: "header",
              required: true,
              schema: { type: "string" },
              description: d("headers.signature"),
            },
            {
              name: DELIVERY_HEADER,
              in: "header",
              required: true,
              schema: { type: "string" },
              description: d("headers.delivery"),
            },
          ],
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/WebhookPayload" } } } },
          responses: { "200": { description: d("webhook.ok") } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: d("security.bearer") },
        apiKeyHeader: { type: "apiKey", in: "header", name: "X-Api-Key", description: d("security.header") },
      },
      schemas: {
        SendMessagesRequest: sendRequest,
        SendMessagesResponse: sendResponse,
        Job: job,
        Message: message,
        Error: error,
        WebhookPayload: webhookPayload,
      },
      responses: {
        Error: {
          description: d("responses.error"),
          headers: { "Retry-After": { description: d("headers.retryAfter"), schema: { type: "integer" } } },
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    },
    "x-idempotency-ttl-hours": IDEMPOTENCY_TTL_MS / 3_600_000,
    "x-error-codes": DOCUMENTED_ERROR_CODES.map((code) => ({
      code,
      status: API_ERROR_STATUS[code],
      description: d(`errors.${code}`),
    })),
  };
}
