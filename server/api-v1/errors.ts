// The HTTP API's error contract: every failure is `{ error: { code, message, details? } }` with one of
// the stable codes below and the HTTP status from this one table. Domain errors (AppError) are mapped
// here once; their message is the domain's own translated message, so parameters (the blocked terms,
// the cap, the contract's state) reach the client in its language.
import type { ErrorResponse } from "./schemas";
import { type AppError, ERROR_CODES, isAppError } from "../errors";
import { catalogues, type Locale, lookup, type MessageKey, type Translate, translator } from "../i18n";

export const API_ERROR_STATUS = {
  INVALID_REQUEST: 400,
  UNAUTHORIZED: 401,
  CONTRACT_NOT_ACTIVE: 403,
  ACCOUNT_SUSPENDED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  IDEMPOTENCY_CONFLICT: 409,
  TEXT_INVALID_CHARACTERS: 400,
  TEXT_INVISIBLE_ONLY: 400,
  INVALID_NUMBER: 422,
  RECIPIENT_NOT_ALLOWED: 422,
  OPTED_OUT: 422,
  CONTENT_BLOCKED: 422,
  SIGNATURE_MISSING: 422,
  DAILY_CAP_EXCEEDED: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;
export const API_ERROR_CODES = Object.keys(API_ERROR_STATUS) as ApiErrorCode[];

/** Not an error: the code of the warning on a 202 whose job waits for the bureau's content review. */
export const HELD_FOR_REVIEW_WARNING = "CONTENT_HELD_FOR_REVIEW";

/** Domain codes the sending service throws, as the API names them. */
const FROM_APP_ERROR: Record<string, ApiErrorCode> = {
  INVALID_REQUEST: "INVALID_REQUEST",
  TEXT_INVALID_CHARACTERS: "TEXT_INVALID_CHARACTERS",
  TEXT_INVISIBLE_ONLY: "TEXT_INVISIBLE_ONLY",
  NO_RECIPIENTS: "INVALID_REQUEST",
  CONTENT_TOO_LONG: "INVALID_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  NOT_FOUND: "NOT_FOUND",
  INVALID_NUMBER: "INVALID_NUMBER",
  MOBILE_INVALID: "INVALID_NUMBER",
  RECIPIENT_NOT_ALLOWED: "RECIPIENT_NOT_ALLOWED",
  OPTED_OUT: "OPTED_OUT",
  CONTENT_BLOCKED: "CONTENT_BLOCKED",
  SIGNATURE_MISSING: "SIGNATURE_MISSING",
  DAILY_CAP_EXCEEDED: "DAILY_CAP_EXCEEDED",
  CONTRACT_NOT_ACTIVE: "CONTRACT_NOT_ACTIVE",
  ACCOUNT_SUSPENDED: "ACCOUNT_SUSPENDED",
  RATE_LIMITED: "RATE_LIMITED",
};

export interface ErrorDetail {
  field: string;
  message: string;
}

/** A refusal decided by the API layer itself (authentication, validation, idempotency, rate limit). */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly messageKey: MessageKey;
  readonly params: Record<string, string | number>;
  readonly details: ErrorDetail[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ApiErrorCode,
    options: {
      messageKey?: MessageKey;
      params?: Record<string, string | number>;
      details?: ErrorDetail[];
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(code);
    this.name = "ApiError";
    this.code = code;
    this.messageKey = options.messageKey ?? `api.errors.${code}`;
    this.params = options.params ?? {};
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** The error body, narrowed to the codes of the table; it must stay an ErrorResponse (schemas.ts). */
export interface ApiErrorBody extends ErrorResponse {
  error: { code: ApiErrorCode; message: string; details?: ErrorDetail[] };
}

export interface MappedError {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
}

function domainMessage(error: AppError, t: Translate, locale: Locale): string | null {
  const key = `errors.${error.code}`;
  if (lookup(catalogues[locale], key) === undefined) return null;
  const raw = error.params;
  // A contract state travels as its code and is shown in the reader's language (as tRPC does).
  const params =
    typeof raw.status === "string" ? { ...raw, status: t(`contractStatus.${raw.status}` as MessageKey) } : raw;
  return t(key as MessageKey, params);
}

/** A refusal that may succeed later: answered as its cause, with a Retry-After. */
export class RetryLater extends Error {
  constructor(
    readonly refusal: unknown,
    readonly retryAfterSeconds: number,
  ) {
    super("retry later");
    this.name = "RetryLater";
  }
}

/** Any thrown value as the API answers it; unexpected ones are logged and answered as INTERNAL. */
export function mapError(error: unknown, locale: Locale): MappedError {
  const t = translator(locale);
  if (error instanceof RetryLater) {
    const mapped = mapError(error.refusal, locale);
    return mapped.status >= 500
      ? mapped
      : { ...mapped, headers: { ...mapped.headers, "Retry-After": String(error.retryAfterSeconds) } };
  }
  if (error instanceof ApiError) {
    const headers: Record<string, string> = error.retryAfterSeconds
      ? { "Retry-After": String(error.retryAfterSeconds) }
      : {};
    const body: ApiErrorBody = { error: { code: error.code, message: t(error.messageKey, error.params) } };
    if (error.details) body.error.details = error.details;
    return { status: API_ERROR_STATUS[error.code], body, headers };
  }
  if (isAppError(error)) {
    let code = FROM_APP_ERROR[error.code];
    if (!code) {
      // A domain refusal the API has no name for still is the client's request being refused.
      const http = ERROR_CODES[error.code].http;
      if (http >= 500) return internal(error, t);
      code = "INVALID_REQUEST";
    }
    const message = domainMessage(error, t, locale) ?? t(`api.errors.${code}`, { detail: "" });
    return { status: API_ERROR_STATUS[code], body: { error: { code, message } }, headers: {} };
  }
  return internal(error, t);
}

function internal(error: unknown, t: Translate): MappedError {
  console.error("[api/v1] internal error", error);
  return { status: 500, body: { error: { code: "INTERNAL", message: t("api.errors.INTERNAL") } }, headers: {} };
}
