// The HTTP API v1 as plain functions of (context, Request) → Response. The route handlers under
// app/api/v1 are one line over these; tests call them with a test database and real Requests.
// Every call: API key → rate limit → the endpoint; every failure → mapError (errors.ts).
import { z } from "zod";
import type { Actor } from "../audit/log";
import { chinaDayEnd, toChinaDate } from "../clock";
import { type Db, db } from "../db";
import { AppError, isAppError } from "../errors";
import { clientIp } from "../http/client-ip";
import { decodeUtf8, readBody } from "../http/route";
import { type Locale, translator } from "../i18n";
import { acceptSendJob, scheduleProblem } from "../sending/accept";
import { ApiError, HELD_FOR_REVIEW_WARNING, mapError, RetryLater } from "./errors";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  isValidIdempotencyKey,
  releaseIdempotencyKey,
  requestHash,
} from "./idempotency";
import { type ApiPrincipal, authenticateApiKey } from "../api-keys/keys";
import { apiLocale } from "./locale";
import { apiRateLimiter, type RateLimiter } from "./rate-limit";
import { MAX_BODY_BYTES, sendMessagesRequest, type SendMessagesResponse } from "./schemas";
import { findInvalidText, textIssueOf } from "../validation/text";
import { getCustomerJob, getCustomerMessage, toJobResponse, toMessageResponse } from "../sending/views";

export interface ApiContext {
  db: Db;
  now: Date;
  limiter: RateLimiter;
  /** How long a duplicate request waits for the first one with its Idempotency-Key. */
  idempotencyWaitMs?: number;
}

/** A request's context in production: the process-wide database, the process's limiter, the wall clock. */
export function requestContext(): ApiContext {
  return { db: db(), now: new Date(), limiter: apiRateLimiter() };
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

function respond(answer: Answer): Response {
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { ...JSON_HEADERS, ...answer.headers },
  });
}

/** `Authorization: Bearer <key>`, else `X-Api-Key: <key>`. */
export function presentedApiKey(request: Request): string | null {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ?? null;
  }
  return request.headers.get("x-api-key")?.trim() || null;
}

/** Authenticates, rate-limits and runs an endpoint; any failure becomes the API's error answer. */
async function handle(
  ctx: ApiContext,
  request: Request,
  endpoint: (principal: ApiPrincipal, locale: Locale) => Promise<Answer>,
): Promise<Response> {
  const locale = apiLocale(request.headers.get("accept-language"));
  try {
    const raw = presentedApiKey(request);
    const principal = raw ? await authenticateApiKey(ctx.db, raw, ctx.now) : null;
    if (!principal) throw new ApiError("UNAUTHORIZED");
    const decision = ctx.limiter.take(principal.apiKeyId, ctx.now);
    if (!decision.allowed) throw new ApiError("RATE_LIMITED", { retryAfterSeconds: decision.retryAfterSeconds });
    return respond(await endpoint(principal, locale));
  } catch (error) {
    const mapped = mapError(error, locale);
    const headers =
      mapped.status === 401
        ? { ...mapped.headers, "WWW-Authenticate": 'Bearer realm="qixintong-api"' }
        : mapped.headers;
    return respond({ status: mapped.status, body: mapped.body, headers });
  }
}

/** The body, read against MAX_BODY_BYTES while it streams (route.ts's readBody), as strict UTF-8 JSON. */
async function readJsonBody(request: Request, locale: Locale): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  } catch (error) {
    if (isAppError(error) && error.code === "PAYLOAD_TOO_LARGE") {
      throw new ApiError("INVALID_REQUEST", {
        messageKey: "api.validation.bodyTooLarge",
        params: { max: MAX_BODY_BYTES },
      });
    }
    throw new ApiError("INVALID_REQUEST", { messageKey: "api.validation.bodyNotJson" });
  }
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch {
    throw new ApiError("INVALID_REQUEST", { messageKey: "api.validation.bodyNotUtf8" });
  }
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new ApiError("INVALID_REQUEST", { messageKey: "api.validation.bodyNotJson" });
  }
  // JSON may spell NUL and lone surrogates as escapes; no field, whatever its schema, takes them.
  const field = findInvalidText(body);
  if (field) throw textRefusal("TEXT_INVALID_CHARACTERS", field, locale);
  return body;
}

/** A refusal by the text rule (server/validation/text.ts), naming the field. */
function textRefusal(code: "TEXT_INVALID_CHARACTERS" | "TEXT_INVISIBLE_ONLY", field: string, locale: Locale): ApiError {
  return new ApiError(code, {
    params: { field },
    details: [{ field, message: translator(locale)(`api.errors.${code}`, { field }) }],
  });
}

/** The API's answer to a method a path does not take: 405 METHOD_NOT_ALLOWED with an Allow header. */
export function apiMethodNotAllowed(...allowed: string[]): (request: Request) => Response {
  return (request) => {
    const mapped = mapError(new ApiError("METHOD_NOT_ALLOWED"), apiLocale(request.headers.get("accept-language")));
    return respond({
      status: mapped.status,
      body: mapped.body,
      headers: { ...mapped.headers, Allow: allowed.join(", ") },
    });
  };
}

function fieldOf(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
      "",
    ) || "body"
  );
}

function invalid(details: { field: string; message: string }[]): ApiError {
  return new ApiError("INVALID_REQUEST", {
    params: { detail: details.map((d) => `${d.field}: ${d.message}`).join("; ") },
    details,
  });
}

/** The body checked against the schema and the clock; field-by-field details in the caller's language. */
export function parseSendRequest(body: unknown, now: Date, locale: Locale) {
  const parsed = sendMessagesRequest.safeParse(
    body,
    locale === "zh" ? { error: z.locales.zhCN().localeError } : undefined,
  );
  if (!parsed.success) {
    const textIssue = textIssueOf(parsed.error);
    if (textIssue) throw textRefusal(textIssue.code, textIssue.field === "input" ? "body" : textIssue.field, locale);
    throw invalid(parsed.error.issues.map((issue) => ({ field: fieldOf(issue.path), message: issue.message })));
  }
  const t = translator(locale);
  let scheduleAt: Date | undefined;
  if (parsed.data.scheduleAt) {
    scheduleAt = new Date(parsed.data.scheduleAt);
    const problem = scheduleProblem(scheduleAt, now);
    if (problem)
      throw invalid([
        {
          field: "scheduleAt",
          message: t(`errors.${problem.code}`, problem.code === "SCHEDULE_TOO_FAR" ? { days: problem.days } : {}),
        },
      ]);
  }
  return { ...parsed.data, scheduleAt };
}

/** POST /api/v1/messages */
export function handleSendMessages(ctx: ApiContext, request: Request): Promise<Response> {
  return handle(ctx, request, async (principal, locale) => {
    const idempotencyKey = request.headers.get("idempotency-key");
    if (idempotencyKey !== null && !isValidIdempotencyKey(idempotencyKey)) {
      throw invalid([{ field: "Idempotency-Key", message: translator(locale)("api.validation.idempotencyKey") }]);
    }
    const body = await readJsonBody(request, locale);
    const input = parseSendRequest(body, ctx.now, locale);
    if (idempotencyKey === null) return accept(ctx, request, principal, input, locale);

    const claim = await claimIdempotencyKey(
      ctx.db,
      principal.enterpriseId,
      idempotencyKey,
      requestHash(body),
      ctx.now,
      { waitMs: ctx.idempotencyWaitMs },
    );
    if (claim.kind === "conflict") throw new ApiError("IDEMPOTENCY_CONFLICT");
    if (claim.kind === "in-progress")
      throw new ApiError("IDEMPOTENCY_CONFLICT", { messageKey: "api.errors.IDEMPOTENCY_IN_PROGRESS" });
    if (claim.kind === "replay")
      return { status: claim.status, body: claim.body, headers: { "Idempotent-Replayed": "true" } };
    try {
      const answer = await accept(ctx, request, principal, input, locale);
      await completeIdempotencyKey(
        ctx.db,
        principal.enterpriseId,
        idempotencyKey,
        answer.status,
        answer.body as object,
      );
      return answer;
    } catch (error) {
      await releaseIdempotencyKey(ctx.db, principal.enterpriseId, idempotencyKey);
      throw error;
    }
  });
}

async function accept(
  ctx: ApiContext,
  request: Request,
  principal: ApiPrincipal,
  input: ReturnType<typeof parseSendRequest>,
  locale: Locale,
): Promise<Answer & { body: SendMessagesResponse }> {
  // The key's creator answers for what it sends; audit entries also name the key.
  const actor: Actor & { enterpriseId: string } = {
    userId: principal.createdById,
    role: "CUSTOMER_ADMIN",
    ip: clientIp(request.headers),
    userAgent: `api-key ${principal.prefix}… ${request.headers.get("user-agent") ?? ""}`.trim(),
    enterpriseId: principal.enterpriseId,
  };
  let result: Awaited<ReturnType<typeof acceptSendJob>>;
  try {
    result = await acceptSendJob(
      ctx.db,
      actor,
      {
        source: "API",
        apiKeyId: principal.apiKeyId,
        purpose: input.purpose,
        content: input.content,
        recipients: { numbers: input.to },
        scheduleAt: input.scheduleAt,
        clientRef: input.clientRef,
      },
      ctx.now,
    );
  } catch (error) {
    // Today's cap is spent: a client may try again when the next China day begins.
    if (isAppError(error) && (error.code as string) === "DAILY_CAP_EXCEEDED" && !input.scheduleAt) {
      const seconds = Math.max(1, Math.ceil((chinaDayEnd(toChinaDate(ctx.now)).getTime() - ctx.now.getTime()) / 1000));
      throw new RetryLater(error, seconds);
    }
    throw error;
  }
  const body: SendMessagesResponse = {
    jobId: result.jobId,
    status: result.status,
    segmentsPerMessage: result.segmentsPerMessage,
    accepted: result.accepted,
    skipped: result.skipped,
    clientRef: input.clientRef ?? null,
    scheduledAt: input.scheduleAt?.toISOString() ?? null,
    recipients: result.recipients.map((r) =>
      r.messageId ? { to: r.to, status: r.status, messageId: r.messageId } : { to: r.to, status: r.status },
    ),
  };
  if (result.status === "HELD_FOR_REVIEW") {
    body.warning = { code: HELD_FOR_REVIEW_WARNING, message: translator(locale)("api.errors.CONTENT_HELD_FOR_REVIEW") };
  }
  return { status: 202, body, headers: { Location: `/api/v1/jobs/${result.jobId}` } };
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** GET /api/v1/jobs/{id}: a job of the key's enterprise; any other id is NOT_FOUND. */
export function handleGetJob(ctx: ApiContext, request: Request, jobId: string): Promise<Response> {
  return handle(ctx, request, async (principal) => {
    if (!ID.test(jobId)) throw new AppError("NOT_FOUND");
    return { status: 200, body: toJobResponse(await getCustomerJob(ctx.db, principal.enterpriseId, jobId)) };
  });
}

/** GET /api/v1/messages/{id}: a message of the key's enterprise; any other id is NOT_FOUND. */
export function handleGetMessage(ctx: ApiContext, request: Request, messageId: string): Promise<Response> {
  return handle(ctx, request, async (principal) => {
    return {
      status: 200,
      body: toMessageResponse(await getCustomerMessage(ctx.db, principal.enterpriseId, messageId)),
    };
  });
}
