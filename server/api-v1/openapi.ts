// The OpenAPI 3.1 document of the HTTP API v1, in Chinese or English. Its component schemas are
// z.toJSONSchema of the zod schemas in ./schemas.ts (the request as parsed, the responses as built),
// with the localized descriptions attached by property; the error codes come from the error table.
// The portal's docs page renders its tables from this document too.
import { type Locale, type MessageKey, translator } from "../i18n";
import { API_ERROR_STATUS, type ApiErrorCode } from "./errors";
import { IDEMPOTENCY_TTL_MS, MAX_IDEMPOTENCY_KEY_LENGTH } from "./idempotency";
import {
  errorResponse,
  jobResponse,
  messageResponse,
  sendMessagesRequest,
  sendMessagesResponse,
  webhookPayload,
} from "./schemas";
import { DELIVERY_HEADER, SIGNATURE_HEADER } from "../webhooks/signing";
import { z } from "zod";

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

/**
 * How the zod schemas become JSON Schema 2020-12 (the dialect of OpenAPI 3.1). Two simplifications
 * that say the same thing shorter: an integer's ±2^53 bounds (any JSON integer a client can send
 * exactly) are left out, and a date-time keeps its format without zod's regular expression for it.
 */
export const JSON_SCHEMA_OPTIONS = {
  target: "draft-2020-12",
  override: ({ jsonSchema }) => {
    if (jsonSchema.type === "integer") {
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
    }
    if (jsonSchema.format === "date-time") delete jsonSchema.pattern;
  },
} as const satisfies Parameters<typeof z.toJSONSchema>[1];

/** The JSON Schema of a zod schema, as the document holds it (before descriptions). */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): Schema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { ...JSON_SCHEMA_OPTIONS, io });
  return rest;
}

/** Description keys (api.openapi.fields.*) by property path; "[]" steps into an array's items. */
type Descriptions = Record<string, string>;

function described(schema: Schema, keys: Descriptions, d: (key: string) => string): Schema {
  for (const [path, key] of Object.entries(keys)) {
    let node: Schema | undefined = schema;
    for (const step of path.split(".")) {
      if (step === "[]") node = node?.items as Schema | undefined;
      else node = (node?.properties as Record<string, Schema> | undefined)?.[step];
    }
    if (!node) throw new Error(`openapi: no property ${path} to describe`);
    node.description = d(`fields.${key}`);
  }
  return schema;
}

const SEND_REQUEST: Descriptions = {
  to: "to",
  content: "content",
  purpose: "purpose",
  scheduleAt: "scheduleAt",
  clientRef: "clientRef",
};
const SEND_RESPONSE: Descriptions = {
  jobId: "jobId",
  status: "jobStatus",
  segmentsPerMessage: "segmentsPerMessage",
  accepted: "accepted",
  skipped: "skipped",
  clientRef: "clientRef",
  scheduledAt: "scheduledAt",
  recipients: "recipients",
  "recipients.[].to": "recipientTo",
  "recipients.[].status": "recipientStatus",
  "recipients.[].messageId": "messageId",
  warning: "warning",
  "warning.code": "warningCode",
  "warning.message": "warningMessage",
};
const JOB: Descriptions = {
  jobId: "jobId",
  status: "jobStatus",
  source: "source",
  purpose: "purpose",
  clientRef: "clientRef",
  segmentsPerMessage: "segmentsPerMessage",
  recipients: "jobRecipients",
  accepted: "accepted",
  skipped: "skipped",
  counts: "counts",
  progress: "progress",
  scheduledAt: "scheduledAt",
  createdAt: "createdAt",
  startedAt: "startedAt",
  completedAt: "completedAt",
  cancelledAt: "cancelledAt",
  review: "review",
};
const MESSAGE: Descriptions = {
  messageId: "messageId",
  jobId: "jobId",
  to: "messageTo",
  status: "messageStatus",
  segments: "segments",
  errorCode: "messageErrorCode",
  createdAt: "createdAt",
  submittedAt: "submittedAt",
  finalAt: "finalAt",
};
const ERROR: Descriptions = {
  "error.code": "errorCode",
  "error.message": "errorMessage",
  "error.details": "errorDetails",
};
const WEBHOOK: Descriptions = {
  messageId: "messageId",
  jobId: "jobId",
  clientRef: "clientRef",
  to: "messageTo",
  status: "messageStatus",
  segments: "segments",
  errorCode: "messageErrorCode",
  finalAt: "finalAt",
};

/** Each component schema with the zod schema it is derived from and in which direction. */
export const COMPONENT_SCHEMAS = {
  SendMessagesRequest: { schema: sendMessagesRequest, io: "input", descriptions: SEND_REQUEST },
  SendMessagesResponse: { schema: sendMessagesResponse, io: "output", descriptions: SEND_RESPONSE },
  Job: { schema: jobResponse, io: "output", descriptions: JOB },
  Message: { schema: messageResponse, io: "output", descriptions: MESSAGE },
  Error: { schema: errorResponse, io: "output", descriptions: ERROR },
  WebhookPayload: { schema: webhookPayload, io: "output", descriptions: WEBHOOK },
} as const satisfies Record<string, { schema: z.ZodType; io: "input" | "output"; descriptions: Descriptions }>;

export function openApiDocument(locale: Locale, serverUrl = "") {
  const t = translator(locale);
  const d = (key: string) => t(`api.openapi.${key}` as MessageKey);
  const errorRef = { $ref: "#/components/responses/Error" };
  const schemas = Object.fromEntries(
    Object.entries(COMPONENT_SCHEMAS).map(([name, c]) => [
      name,
      described(jsonSchemaOf(c.schema, c.io), c.descriptions, d),
    ]),
  ) as Record<keyof typeof COMPONENT_SCHEMAS, Schema>;
  // The example of the recipients, and the codes a client can meet (the body's type allows any string).
  (schemas.SendMessagesRequest.properties as Record<string, Schema>).to!.examples = [
    ["13800138000", "+86 138 0013 8001"],
  ];
  const errorBody = (schemas.Error.properties as Record<string, Schema>).error!;
  (errorBody.properties as Record<string, Schema>).code!.enum = DOCUMENTED_ERROR_CODES;

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
      schemas,
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
