import { describe, expect, test } from "vitest";
import { API_ERROR_STATUS } from "./errors";
import { DOCUMENTED_ERROR_CODES, openApiDocument } from "./openapi";
import { MAX_RECIPIENTS, PURPOSES } from "./schemas";

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
