// One domain error type. Domain code throws AppError(code); adapters map the code once
// (tRPC and HTTP below) and render its message in the caller's language (i18n `errors.<CODE>`).

export const ERROR_CODES = {
  INVALID_REQUEST: { http: 400, trpc: "BAD_REQUEST" },
  UNAUTHORIZED: { http: 401, trpc: "UNAUTHORIZED" },
  INVALID_CREDENTIALS: { http: 401, trpc: "UNAUTHORIZED" },
  ACCOUNT_LOCKED: { http: 423, trpc: "FORBIDDEN" },
  ACCOUNT_DISABLED: { http: 403, trpc: "FORBIDDEN" },
  FORBIDDEN: { http: 403, trpc: "FORBIDDEN" },
  NOT_FOUND: { http: 404, trpc: "NOT_FOUND" },
  CONFLICT: { http: 409, trpc: "CONFLICT" },
  PASSWORD_POLICY: { http: 400, trpc: "BAD_REQUEST" },
  PASSWORD_WRONG: { http: 400, trpc: "BAD_REQUEST" },
  USCC_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  RATE_LIMITED: { http: 429, trpc: "TOO_MANY_REQUESTS" },
  USCC_TAKEN: { http: 409, trpc: "CONFLICT" },
  EMAIL_TAKEN: { http: 409, trpc: "CONFLICT" },
  PHONE_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  MOBILE_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  PACKAGE_UNAVAILABLE: { http: 400, trpc: "BAD_REQUEST" },
  PACKAGE_CODE_TAKEN: { http: 409, trpc: "CONFLICT" },
  PACKAGE_TERMS_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  PRICE_EFFECTIVE_NOT_FIRST: { http: 400, trpc: "BAD_REQUEST" },
  PRICE_EFFECTIVE_IN_PAST: { http: 400, trpc: "BAD_REQUEST" },
  PRICE_VERSION_NOT_AFTER_LATEST: { http: 409, trpc: "CONFLICT" },
  PRICE_VERSION_IN_FORCE: { http: 409, trpc: "CONFLICT" },
  CONTRACT_STATE: { http: 409, trpc: "CONFLICT" },
  OBJECTION_TOO_LATE: { http: 409, trpc: "CONFLICT" },
  CONTRACT_NOT_ACTIVE: { http: 403, trpc: "FORBIDDEN" },
  ACCOUNT_SUSPENDED: { http: 403, trpc: "FORBIDDEN" },
  RESET_TOKEN_INVALID: { http: 404, trpc: "NOT_FOUND" },
  RESET_TOKEN_EXPIRED: { http: 410, trpc: "PRECONDITION_FAILED" },
  RESET_TOKEN_USED: { http: 410, trpc: "PRECONDITION_FAILED" },
  INVITATION_INVALID: { http: 404, trpc: "NOT_FOUND" },
  INVITATION_EXPIRED: { http: 410, trpc: "PRECONDITION_FAILED" },
  INVITATION_USED: { http: 410, trpc: "PRECONDITION_FAILED" },
  INVITATION_REVOKED: { http: 410, trpc: "PRECONDITION_FAILED" },
  INVITATION_PENDING: { http: 409, trpc: "CONFLICT" },
  OPERATORS_ONLY: { http: 403, trpc: "FORBIDDEN" },
  CHANGE_REQUEST_PENDING: { http: 409, trpc: "CONFLICT" },
  REQUEST_NOT_PENDING: { http: 409, trpc: "CONFLICT" },
  NO_CHANGES: { http: 400, trpc: "BAD_REQUEST" },
  REASON_REQUIRED: { http: 400, trpc: "BAD_REQUEST" },
  SIGNATURE_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  SIGNATURE_PENDING: { http: 409, trpc: "CONFLICT" },
  LEXICON_TERM_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  LEXICON_TERM_TAKEN: { http: 409, trpc: "CONFLICT" },
  CONSENT_NUMBERS_EMPTY: { http: 400, trpc: "BAD_REQUEST" },
  CONSENT_NUMBERS_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  CONSENT_TOO_MANY_NUMBERS: { http: 400, trpc: "BAD_REQUEST" },
  CONSENT_LETTER_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  CONSENT_LETTER_TOO_LARGE: { http: 413, trpc: "PAYLOAD_TOO_LARGE" },
  NUMBER_LIST_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  CONSENT_SCOPE_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  CONSENT_EXPIRY_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  OPT_OUT_KEYWORDS_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  CONTACT_DUPLICATE: { http: 409, trpc: "CONFLICT" },
  GROUP_DUPLICATE: { http: 409, trpc: "CONFLICT" },
  IMPORT_FILE_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  IMPORT_FILE_TOO_LARGE: { http: 413, trpc: "PAYLOAD_TOO_LARGE" },
  IMPORT_TOO_MANY_ROWS: { http: 400, trpc: "BAD_REQUEST" },
  IMPORT_NO_HEADER: { http: 400, trpc: "BAD_REQUEST" },
  IMPORT_STATE: { http: 409, trpc: "CONFLICT" },
  WEBHOOK_URL_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  CONTENT_EMPTY: { http: 400, trpc: "BAD_REQUEST" },
  CONTENT_TOO_LONG: { http: 400, trpc: "BAD_REQUEST" },
  CONTENT_BLOCKED: { http: 422, trpc: "BAD_REQUEST" },
  SIGNATURE_MISSING: { http: 422, trpc: "PRECONDITION_FAILED" },
  SCHEDULE_TOO_FAR: { http: 400, trpc: "BAD_REQUEST" },
  SCHEDULE_IN_PAST: { http: 400, trpc: "BAD_REQUEST" },
  NO_RECIPIENTS: { http: 400, trpc: "BAD_REQUEST" },
  INVALID_NUMBER: { http: 422, trpc: "BAD_REQUEST" },
  OPTED_OUT: { http: 422, trpc: "BAD_REQUEST" },
  RECIPIENT_NOT_ALLOWED: { http: 422, trpc: "FORBIDDEN" },
  DAILY_CAP_EXCEEDED: { http: 429, trpc: "TOO_MANY_REQUESTS" },
  JOB_NOT_CANCELLABLE: { http: 409, trpc: "CONFLICT" },
  PERIOD_NOT_ENDED: { http: 409, trpc: "CONFLICT" },
  PAYMENT_DATE_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  CREDIT_NOTE_TOO_LARGE: { http: 400, trpc: "BAD_REQUEST" },
  PACKAGE_CHANGE_PENDING: { http: 409, trpc: "CONFLICT" },
  PACKAGE_CHANGE_SAME: { http: 400, trpc: "BAD_REQUEST" },
  DEPOSIT_OWED: { http: 409, trpc: "CONFLICT" },
  DATE_RANGE_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  DEPOSIT_REFERENCE_REQUIRED: { http: 400, trpc: "BAD_REQUEST" },
  DEPOSIT_MORE_THAN_REQUIRED: { http: 409, trpc: "CONFLICT" },
  DEPOSIT_ENTRY_NOT_REVERSIBLE: { http: 409, trpc: "CONFLICT" },
  DEPOSIT_NOTHING_TO_OFFSET: { http: 409, trpc: "CONFLICT" },
  TAX_RATE_INVALID: { http: 400, trpc: "BAD_REQUEST" },
  TAX_RATE_EFFECTIVE_IN_PAST: { http: 400, trpc: "BAD_REQUEST" },
  IMPORT_FILE_TOO_COMPLEX: { http: 400, trpc: "BAD_REQUEST" },
  WEBHOOK_ADDRESS_FORBIDDEN: { http: 400, trpc: "BAD_REQUEST" },
  WEBHOOK_HOST_UNRESOLVED: { http: 400, trpc: "BAD_REQUEST" },
  TEXT_INVALID_CHARACTERS: { http: 400, trpc: "BAD_REQUEST" },
  TEXT_INVISIBLE_ONLY: { http: 400, trpc: "BAD_REQUEST" },
  // Refusals of the HTTP layer itself (route handlers and tRPC), each with its own status and text.
  CROSS_SITE_REQUEST: { http: 403, trpc: "FORBIDDEN" },
  METHOD_NOT_ALLOWED: { http: 405, trpc: "METHOD_NOT_SUPPORTED" },
  PAYLOAD_TOO_LARGE: { http: 413, trpc: "PAYLOAD_TOO_LARGE" },
  UNSUPPORTED_MEDIA_TYPE: { http: 415, trpc: "UNSUPPORTED_MEDIA_TYPE" },
  INTERNAL: { http: 500, trpc: "INTERNAL_SERVER_ERROR" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type ErrorParams = Record<string, string | number>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}, detail?: string) {
    super(detail ?? code);
    this.name = "AppError";
    this.code = code;
    this.params = params;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
