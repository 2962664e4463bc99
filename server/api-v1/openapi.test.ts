import { describe, expect, test } from "vitest";
import { z } from "zod";
import { Ajv2020 } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { Validator } from "@seriousme/openapi-schema-validator";
import { AppError } from "../errors";
import { MessageStatus } from "../generated/prisma/enums";
import { type CustomerJob, type CustomerMessage, toJobResponse, toMessageResponse } from "../sending/views";
import { API_ERROR_STATUS, mapError } from "./errors";
import {
  COMPONENT_SCHEMAS,
  DOCUMENTED_ERROR_CODES,
  JSON_SCHEMA_OPTIONS,
  jsonSchemaOf,
  openApiDocument,
} from "./openapi";
import { MAX_RECIPIENTS, PURPOSES, RECIPIENT_OUTCOMES, sendMessagesRequest } from "./schemas";

const ISSUE_CODES = [
  "INVALID_REQUEST",
  "INVALID_NUMBER",
  "RECIPIENT_NOT_ALLOWED",
  "OPTED_OUT",
  "CONTENT_BLOCKED",
  "DAILY_CAP_EXCEEDED",
  "CONTRACT_NOT_ACTIVE",
  "ACCOUNT_SUSPENDED",
  "UNAUTHORIZED",
  "RATE_LIMITED",
  "IDEMPOTENCY_CONFLICT",
];

describe("the OpenAPI document", () => {
  test("is OpenAPI 3.1 with the three endpoints, in both languages, and every reference resolves", () => {
    for (const locale of ["zh", "en"] as const) {
      const doc = openApiDocument(locale, "https://qxt.example.com");
      expect(doc.openapi).toBe("3.1.0");
      expect(doc.servers[0]?.url).toBe("https://qxt.example.com/api/v1");
      expect(Object.keys(doc.paths)).toEqual(["/messages", "/jobs/{id}", "/messages/{id}", "/openapi.json"]);
      const text = JSON.stringify(doc);
      const refs = [...text.matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
      expect(refs.length).toBeGreaterThan(5);
      for (const [ref, kind, name] of refs)
        expect(doc.components[kind as keyof typeof doc.components], ref).toHaveProperty(name ?? "");
      // No description fell back to its key: every text is translated.
      expect(text).not.toMatch(/"api\.openapi\./);
    }
    expect(openApiDocument("zh").info.title).toBe("企信通 HTTP API");
    expect(openApiDocument("en").info.title).toBe("QiXinTong HTTP API");
  });

  test("documents every error code of the issue with its HTTP status, and the limits the API enforces", () => {
    const doc = openApiDocument("en");
    for (const code of ISSUE_CODES) expect(DOCUMENTED_ERROR_CODES).toContain(code);
    expect(doc["x-error-codes"].find((e) => e.code === "IDEMPOTENCY_CONFLICT")?.status).toBe(409);
    expect(doc["x-error-codes"].every((e) => e.status === API_ERROR_STATUS[e.code])).toBe(true);
    const request = doc.components.schemas.SendMessagesRequest as {
      properties: { to: { maxItems: number }; purpose: { enum: string[] } };
    };
    expect(request.properties.to.maxItems).toBe(MAX_RECIPIENTS);
    expect(request.properties.purpose.enum).toEqual([...PURPOSES]);
    expect(request.properties.purpose.enum).not.toContain("MARKETING");
  });
});

/** The doc's schema with what the document adds to the derived one taken away: descriptions, examples, the documented codes. */
function withoutAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAnnotations);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "description" && key !== "examples")
      .map(([key, v]) => [key, withoutAnnotations(v)]),
  );
}

function propertiesOf(schema: unknown): Record<string, unknown> {
  return (schema as { properties: Record<string, unknown> }).properties;
}

const NOW = new Date("2026-12-03T08:00:00.000Z");
const counts = Object.fromEntries(Object.values(MessageStatus).map((s) => [s, 0])) as CustomerJob["counts"];
const fixtureJob = {
  id: "job_1",
  source: "API",
  clientRef: "order-1",
  purpose: "NOTICE",
  content: "您的快递已到驿站。",
  signature: "【快递】",
  fullText: "【快递】您的快递已到驿站。",
  encoding: "UCS2",
  segmentsPerMessage: 1,
  status: "SENDING",
  scheduledAt: null,
  recipientCount: 3,
  acceptedCount: 2,
  skippedCount: 1,
  reservedSegments: 2,
  heldTerms: ["驿站"],
  reviewNote: null,
  reviewedAt: NOW,
  createdAt: NOW,
  startedAt: NOW,
  completedAt: null,
  cancelledAt: null,
  counts: { ...counts, DELIVERED: 1, SUBMITTED: 1, OPTED_OUT: 1 },
  progress: { total: 2, done: 1, percent: 50 },
} satisfies CustomerJob;
const fixtureMessage: CustomerMessage = {
  id: "9007199254740993",
  jobId: "job_1",
  mobile: "13800138000",
  status: "UNDELIVERED",
  segments: 2,
  errorCode: "013",
  submittedAt: NOW,
  finalAt: NOW,
  createdAt: NOW,
};

describe("the OpenAPI document derived from the zod schemas", () => {
  test("is a valid OpenAPI 3.1 document in both languages", async () => {
    for (const locale of ["zh", "en"] as const) {
      const validator = new Validator();
      const result = await validator.validate(structuredClone(openApiDocument(locale, "https://qxt.example.com")));
      expect(result.errors ?? [], locale).toEqual([]);
      expect(result.valid).toBe(true);
      expect(validator.version).toBe("3.1");
    }
  });

  test("holds, for every component, z.toJSONSchema of the zod schema the code uses, with descriptions in both languages", () => {
    const zh = openApiDocument("zh");
    const en = openApiDocument("en");
    for (const [name, { schema, io, descriptions }] of Object.entries(COMPONENT_SCHEMAS)) {
      const { $schema: _dialect, ...derived } = z.toJSONSchema(schema, { ...JSON_SCHEMA_OPTIONS, io });
      const documented = withoutAnnotations(zh.components.schemas[name as keyof typeof COMPONENT_SCHEMAS]);
      if (name === "Error") {
        // The only narrowing: the document lists the codes a client can meet.
        const code = propertiesOf(propertiesOf(documented).error).code as Record<string, unknown>;
        expect(code.enum).toEqual(DOCUMENTED_ERROR_CODES);
        delete code.enum;
      }
      expect(documented, name).toEqual(derived);
      // Every property of the zod object is in the document, described in each language.
      const shape = (schema as z.ZodObject).shape;
      expect(Object.keys(propertiesOf(zh.components.schemas[name as keyof typeof COMPONENT_SCHEMAS])), name).toEqual(
        Object.keys(shape),
      );
      expect(Object.keys(descriptions).length, name).toBeGreaterThan(0);
    }
    const zhTo = propertiesOf(zh.components.schemas.SendMessagesRequest).to as { description: string };
    const enTo = propertiesOf(en.components.schemas.SendMessagesRequest).to as { description: string };
    expect(zhTo.description).not.toBe(enTo.description);
    expect(propertiesOf(en.components.schemas.SendMessagesResponse).recipients).toMatchObject({
      items: { properties: { status: { enum: [...RECIPIENT_OUTCOMES] } } },
    });
  });

  test("a field added to a zod schema appears in the document", () => {
    const drifted = sendMessagesRequest.extend({ priority: z.number().int() });
    expect(propertiesOf(jsonSchemaOf(drifted, "input"))).toHaveProperty("priority.type", "integer");
    expect(propertiesOf(jsonSchemaOf(sendMessagesRequest, "input"))).not.toHaveProperty("priority");
  });

  test("each operation takes and answers the component of the schema its handler uses", () => {
    const doc = openApiDocument("en");
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const send = doc.paths["/messages"].post;
    expect(send.requestBody.content["application/json"].schema).toEqual(ref("SendMessagesRequest"));
    expect(send.responses["202"].content["application/json"].schema).toEqual(ref("SendMessagesResponse"));
    expect(doc.paths["/jobs/{id}"].get.responses["200"].content["application/json"].schema).toEqual(ref("Job"));
    expect(doc.paths["/messages/{id}"].get.responses["200"].content["application/json"].schema).toEqual(ref("Message"));
    expect(doc.webhooks.messageFinal.post.requestBody.content["application/json"].schema).toEqual(
      ref("WebhookPayload"),
    );
    expect(doc.components.responses.Error.content["application/json"].schema).toEqual(ref("Error"));
    expect(COMPONENT_SCHEMAS.SendMessagesRequest.schema).toBe(sendMessagesRequest);
  });

  test("real response bodies validate against the document's schemas", () => {
    const doc = openApiDocument("zh");
    const ajv = new Ajv2020({ allErrors: true, strictRequired: false });
    addFormats(ajv);
    const check = (name: keyof typeof doc.components.schemas, body: unknown) => {
      const validate = ajv.compile({ ...doc.components.schemas[name], additionalProperties: false });
      expect(validate(body) ? [] : validate.errors, name).toEqual([]);
    };
    const job = toJobResponse(fixtureJob);
    check("Job", job);
    check("Job", toJobResponse({ ...fixtureJob, heldTerms: [], reviewedAt: null, scheduledAt: NOW }));
    check("Message", toMessageResponse(fixtureMessage));
    check("Message", toMessageResponse({ ...fixtureMessage, submittedAt: null, finalAt: null, errorCode: null }));
    check("Error", mapError(new AppError("NOT_FOUND"), "zh").body);
    check("WebhookPayload", {
      messageId: "1",
      jobId: "job_1",
      clientRef: null,
      to: "13800138000",
      status: "DELIVERED",
      segments: 1,
      errorCode: null,
      finalAt: NOW.toISOString(),
    });
    // And what the document refuses, the schema refuses too.
    const validate = ajv.compile(doc.components.schemas.Job);
    expect(validate({ ...job, createdAt: "yesterday" })).toBe(false);
    expect(validate({ ...job, progress: { ...job.progress, percent: 101 } })).toBe(false);
  });
});
