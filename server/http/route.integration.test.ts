// The route handlers' common refusals, over real Requests to the exported handlers: cross-site posts,
// oversize and endless bodies, route parameters that cannot name anything, methods a route does not
// serve, and tRPC's own refusals. All of them answer before anyone is signed in, so no session is needed.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as nextAuth from "@/app/api/auth/[...nextauth]/route";
import * as billingPdf from "@/app/api/billing/[kind]/[id]/route";
import * as contactsExport from "@/app/api/contacts/export/route";
import * as contactsImport from "@/app/api/contacts/import/route";
import * as contractPdf from "@/app/api/contracts/[id]/documents/[version]/route";
import * as jobExport from "@/app/api/jobs/[id]/export/route";
import * as trpcRoute from "@/app/api/trpc/[trpc]/route";
import * as v1Messages from "@/app/api/v1/messages/route";
import * as consentApply from "@/app/portal/compliance/consents/apply/route";
import * as consentLetter from "@/app/portal/compliance/consents/[id]/letter/route";
import { appRouter } from "../api/root";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { assertSameOrigin, readBody, readForm } from "./route";

const ORIGIN = "http://localhost:3000";

interface ErrorJson {
  error: { code: string; message: string };
}

async function refusal(response: Response): Promise<{ status: number; code: string; message: string }> {
  const json = (await response.json()) as ErrorJson;
  return { status: response.status, code: json.error.code, message: json.error.message };
}

/** A body that never ends (1 MiB chunks) and counts what was pulled from it. */
function endlessBody(chunkBytes = 1024 * 1024, totalBytes = 60 * 1024 * 1024) {
  const counter = { pulled: 0 };
  const chunk = new Uint8Array(chunkBytes).fill(0x61);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled >= totalBytes) return controller.close();
      counter.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

function upload(
  url: string,
  headers: Record<string, string>,
  body: BodyInit | ReadableStream<Uint8Array> = "x",
): Request {
  return new Request(url, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

const params = <T>(value: T) => ({ params: Promise.resolve(value) });

describe("cross-site posts are refused (403 CROSS_SITE_REQUEST)", () => {
  const routes = [
    ["/api/contacts/import", contactsImport.POST],
    ["/portal/compliance/consents/apply", consentApply.POST],
  ] as const;

  test.each(routes)("%s: another site's page, a forged Origin, or neither header", async (path, POST) => {
    const url = `${ORIGIN}${path}`;
    const form = { "Content-Type": "multipart/form-data; boundary=x" };
    for (const headers of [
      { ...form, "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" },
      { ...form, "Sec-Fetch-Site": "same-site", Origin: "https://evil.localhost:3000" },
      { ...form, Origin: "https://evil.example" },
      { ...form, Origin: "null" },
      form,
    ]) {
      const answer = await refusal(await POST(upload(url, headers)));
      expect(answer).toMatchObject({ status: 403, code: "CROSS_SITE_REQUEST" });
      expect(answer.message).toContain("其他网站");
    }
    const english = await refusal(
      await POST(upload(url, { ...form, Origin: "https://evil.example", Cookie: "qxt_locale=en" })),
    );
    expect(english.message).toContain("another site");
  });

  test("the app's own pages pass: Sec-Fetch-Site same-origin, or an Origin that is the app's", () => {
    const ok =
      (headers: Record<string, string>, url = `${ORIGIN}/api/contacts/import`) =>
      () =>
        assertSameOrigin(new Request(url, { method: "POST", headers }));
    expect(ok({ "Sec-Fetch-Site": "same-origin" })).not.toThrow();
    expect(ok({ Origin: ORIGIN })).not.toThrow();
    expect(
      ok(
        { Origin: "https://sms.example.cn", Host: "sms.example.cn", "X-Forwarded-Proto": "https" },
        "http://10.0.0.5:3000/api/contacts/import",
      ),
    ).not.toThrow();
    expect(ok({ Origin: "https://evil.example", Host: "sms.example.cn", "X-Forwarded-Proto": "https" })).toThrow();
    // Reads change nothing and are not checked.
    expect(() =>
      assertSameOrigin(new Request(`${ORIGIN}/api/contacts/export`, { headers: { Origin: "https://evil.example" } })),
    ).not.toThrow();
  });
});

describe("bodies are limited while they stream", () => {
  const sameOrigin = { "Sec-Fetch-Site": "same-origin", "Content-Type": "multipart/form-data; boundary=x" };

  test("an oversize Content-Length is refused with 413 and the route's code before a byte is read", async () => {
    for (const [path, POST, code] of [
      ["/api/contacts/import", contactsImport.POST, "IMPORT_FILE_TOO_LARGE"],
      ["/portal/compliance/consents/apply", consentApply.POST, "CONSENT_LETTER_TOO_LARGE"],
    ] as const) {
      const { stream, counter } = endlessBody();
      const response = await POST(
        upload(`${ORIGIN}${path}`, { ...sameOrigin, "Content-Length": String(60 * 1024 * 1024) }, stream),
      );
      expect(await refusal(response)).toMatchObject({ status: 413, code });
      expect(counter.pulled).toBeLessThanOrEqual(1024 * 1024);
    }
  });

  test("a chunked body past the limit: reading stops at the limit and the refusal carries the code", async () => {
    const { stream, counter } = endlessBody();
    const request = upload(`${ORIGIN}/api/contacts/import`, sameOrigin, stream);
    const refused = await readForm(request, {
      maxBytes: 5 * 1024 * 1024,
      code: "IMPORT_FILE_TOO_LARGE",
      params: { maxMb: 5 },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: "IMPORT_FILE_TOO_LARGE" });
    // The stream is given up at the limit (plus what was already queued), far before its 60 MiB.
    expect(counter.pulled).toBeLessThan(10 * 1024 * 1024);

    const generic = await readBody(upload(`${ORIGIN}/x`, sameOrigin, endlessBody().stream), { maxBytes: 1000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(generic).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  test("next-auth's sign-in post: an endless body is refused at 16 KiB (at most 32 KiB pulled) before next-auth reads it", async () => {
    const { stream, counter } = endlessBody(4096);
    const response = await nextAuth.POST(
      new NextRequest(
        upload(
          `${ORIGIN}/api/auth/callback/credentials`,
          { "Content-Type": "application/x-www-form-urlencoded" },
          stream,
        ),
      ),
      params({ nextauth: ["callback", "credentials"] }),
    );
    expect(await refusal(response)).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(counter.pulled).toBeLessThanOrEqual(32 * 1024);
  });

  test("within the limit the whole body is read; a non-multipart upload is 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const form = new FormData();
    form.set("file", new File(["姓名,手机\n张三,13800138000\n"], "a.csv"));
    const read = await readForm(new Request(`${ORIGIN}/x`, { method: "POST", body: form }), { maxBytes: 64 * 1024 });
    expect(await (read.get("file") as File).text()).toContain("张三");
    const wrongType = await readForm(
      new Request(`${ORIGIN}/x`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } }),
      { maxBytes: 1024 },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(wrongType).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", httpStatus: 415 });
  });
});

describe("route parameters are checked before use (404 NOT_FOUND with a body, never a 500)", () => {
  test("a NUL byte, an over-long id, a number past 32 bits, an unknown kind", async () => {
    const get = (path: string) => new Request(`${ORIGIN}${path}`);
    const cases: [Promise<Response>, string][] = [
      [billingPdf.GET(get("/api/billing/statement/%00"), params({ kind: "statement", id: "\u0000" })), "statement NUL"],
      [billingPdf.GET(get("/api/billing/receipt/x"), params({ kind: "receipt", id: "x" })), "unknown kind"],
      [billingPdf.GET(get("/api/billing/statement/…"), params({ kind: "statement", id: "a".repeat(65) })), "long id"],
      [
        contractPdf.GET(
          get("/api/contracts/c1/documents/99999999999999999999"),
          params({ id: "c1", version: "99999999999999999999" }),
        ),
        "huge version",
      ],
      [contractPdf.GET(get("/api/contracts/c1/documents/1e3"), params({ id: "c1", version: "1e3" })), "exponent"],
      [contractPdf.GET(get("/api/contracts/c1/documents/0"), params({ id: "c1", version: "0" })), "zero"],
      [contractPdf.GET(get("/api/contracts/%27/documents/1"), params({ id: "'", version: "1" })), "quote"],
      [jobExport.GET(get("/api/jobs/%00/export"), params({ id: "\u0000" })), "job NUL"],
      [consentLetter.GET(get("/portal/compliance/consents/%00/letter"), params({ id: "\u0000" })), "consent NUL"],
    ];
    for (const [response, label] of cases) {
      expect(await refusal(await response), label).toMatchObject({ status: 404, code: "NOT_FOUND" });
    }
  });
});

describe("methods a route does not serve get 405 METHOD_NOT_ALLOWED with a JSON body", () => {
  test("app routes and the v1 API, with Allow", async () => {
    const cases = [
      [billingPdf.PUT, "GET"],
      [billingPdf.DELETE, "GET"],
      [contactsExport.POST, "GET"],
      [contactsImport.GET, "POST"],
      [contactsImport.PUT, "POST"],
      [consentApply.DELETE, "POST"],
      [trpcRoute.PUT, "GET, POST"],
    ] as const;
    for (const [handler, allow] of cases) {
      const response = handler(new Request(`${ORIGIN}/x`, { method: "PUT" }));
      expect(response.headers.get("allow")).toBe(allow);
      const answer = await refusal(response);
      expect(answer).toMatchObject({ status: 405, code: "METHOD_NOT_ALLOWED" });
      expect(answer.message).not.toContain("内部错误");
    }
    const v1 = v1Messages.PUT(
      new Request(`${ORIGIN}/api/v1/messages`, { method: "PUT", headers: { "Accept-Language": "en" } }),
    );
    expect(v1.headers.get("allow")).toBe("POST");
    expect(await refusal(v1)).toMatchObject({
      status: 405,
      code: "METHOD_NOT_ALLOWED",
      message: expect.stringContaining("does not support"),
    });
  });
});

describe("tRPC", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  }, 60_000);
  afterAll(async () => t.drop());

  const handler = (req: Request) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      createContext: () => ({
        db: t.db,
        user: null,
        locale: "zh" as const,
        ip: null,
        userAgent: "vitest",
        now: new Date(),
      }),
    });

  async function trpcRefusal(response: Response) {
    const json = (await response.json()) as { error: { json: { message: string; data: { appCode: string } } } };
    return { status: response.status, appCode: json.error.json.data.appCode, message: json.error.json.message };
  }

  test("its own refusals (415, 405) have their own code and text, not 系统内部错误", async () => {
    const unsupported = await trpcRefusal(
      await handler(
        new Request(`${ORIGIN}/api/trpc/apiKeys.pingWebhook`, {
          method: "POST",
          headers: { "Content-Type": "text/plain" },
          body: "{}",
        }),
      ),
    );
    expect(unsupported).toMatchObject({
      status: 415,
      appCode: "UNSUPPORTED_MEDIA_TYPE",
      message: "不支持的请求内容类型",
    });
    // A GET of a mutation.
    const method = await trpcRefusal(await handler(new Request(`${ORIGIN}/api/trpc/apiKeys.pingWebhook`)));
    expect(method).toMatchObject({ status: 405, appCode: "METHOD_NOT_ALLOWED" });
    expect(method.message).not.toContain("内部错误");
  });

  test("the route refuses invalid UTF-8 (400 INVALID_REQUEST) and an endless body (413) before tRPC reads it", async () => {
    const bad = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"a":"\xff\xfe"}
    const invalid = await trpcRoute.POST(
      new Request(`${ORIGIN}/api/trpc/x`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: bad,
      }),
    );
    expect(await refusal(invalid)).toMatchObject({ status: 400, code: "INVALID_REQUEST" });
    const { stream, counter } = endlessBody();
    const endless = await trpcRoute.POST(
      upload(`${ORIGIN}/api/trpc/x`, { "Content-Type": "application/json" }, stream),
    );
    expect(await refusal(endless)).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(counter.pulled).toBeLessThan(12 * 1024 * 1024);
  });
});
