import type { apiZh } from "./api.zh";

// English twin of api.zh.ts (same keys; checked by the type and by i18n.test.ts).
export const apiEn: typeof apiZh = {
  nav: "API",
  errors: {
    INVALID_REQUEST: "Invalid request: {detail}",
    UNAUTHORIZED:
      "The API key is missing, invalid or revoked: send a valid key in the header Authorization: Bearer <key>",
    CONTRACT_NOT_ACTIVE: "The service agreement is not in force; messages cannot be sent",
    ACCOUNT_SUSPENDED: "Sending is suspended for unpaid charges; it resumes automatically once the debt is paid",
    NOT_FOUND: "Not found",
    METHOD_NOT_ALLOWED: "This endpoint does not support that method; see the Allow header",
    IDEMPOTENCY_CONFLICT: "This Idempotency-Key was used for a different request; use a new key for a new request",
    IDEMPOTENCY_IN_PROGRESS:
      "A request with this Idempotency-Key is still being processed; retry later with the same body",
    TEXT_INVALID_CHARACTERS:
      "{field} contains characters that cannot be stored (NUL, control characters or an unpaired Unicode surrogate)",
    TEXT_INVISIBLE_ONLY: "{field} contains only blank or invisible characters",
    INVALID_NUMBER: "Invalid mobile number",
    RECIPIENT_NOT_ALLOWED:
      "The recipients are neither in the enterprise's address book nor in an approved consent scope",
    OPTED_OUT: "The recipients have opted out",
    CONTENT_BLOCKED: "The content contains a blocked term and was refused",
    SIGNATURE_MISSING: "The enterprise has no approved SMS signature yet; messages cannot be sent",
    DAILY_CAP_EXCEEDED: "The daily sending cap has been reached",
    RATE_LIMITED: "Too many requests; retry after the number of seconds in Retry-After",
    CONTENT_HELD_FOR_REVIEW:
      "The content contains terms that need human review; the job was accepted and waits for the bureau's review, then it is sent",
    INTERNAL: "Internal error; please retry later",
  },
  validation: {
    bodyNotJson: "The request body is not valid JSON",
    bodyNotUtf8: "The request body is not valid UTF-8 text",
    bodyTooLarge: "The request body is too large (at most {max} bytes)",
    idempotencyKey: "Idempotency-Key must be 1–100 printable ASCII characters",
  },
  page: {
    title: "API",
    intro:
      "Send SMS from your own systems over the HTTP API, query their states, and receive delivery receipts by webhook. Keys and the webhook are managed by the customer admin.",
    readOnly: "Only the customer admin can create or revoke keys and set the webhook URL.",
    docsLink: "Read the API documentation",
  },
  keys: {
    title: "API keys",
    intro:
      "Each key acts for your enterprise. A key is shown only when it is created; the platform keeps only its digest and cannot recover it. If you lose one, revoke it and create a new one.",
    name: "Key name",
    namePlaceholder: "e.g. order system",
    create: "Create key",
    creating: "Creating…",
    created:
      'Key "{name}" created. Copy it now and keep it safe: it cannot be shown again after you leave or reload this page.',
    copy: "Copy",
    copied: "Copied",
    prefix: "Key prefix",
    createdAt: "Created",
    createdBy: "Created by",
    lastUsed: "Last used",
    neverUsed: "Never used",
    status: "Status",
    active: "Active",
    revoked: "Revoked",
    revokedAt: "Revoked {at}",
    revoke: "Revoke",
    confirmRevoke: 'Revoke key "{name}"? Systems using it will stop being able to call the API at once.',
    empty: "No keys yet",
  },
  webhook: {
    title: "Delivery-receipt webhook",
    intro:
      "When a message reaches a final state (delivered, undelivered, expired…), the platform POSTs a JSON document to this URL, signed with HMAC-SHA256. Answers other than 2xx are retried after 1, 2, 4, 8 and 16 minutes, 6 attempts in all.",
    url: "Webhook URL",
    urlPlaceholder: "https://example.com/qxt/receipts",
    notSet: "No webhook URL set",
    save: "Save URL",
    saving: "Saving…",
    saved: "Webhook URL saved",
    state: "State",
    active: "Enabled",
    disabled: "Disabled",
    secretTitle: "Signing secret",
    secretShownOnce: "The signing secret is shown only this once: copy it now; you need it to check X-QXT-Signature.",
    rotate: "Rotate signing secret",
    confirmRotate: "The old secret stops working at once; update your system at the same time. Rotate?",
    ping: "Send a test request",
    pinging: "Sending…",
    pingOk: "The webhook URL is reachable; it answered HTTP {status}",
    pingNot2xx:
      "The webhook URL is reachable but answered HTTP {status}; only a 2xx answer counts as delivered (redirects are not followed)",
    pingUnreachable:
      "The webhook URL is not reachable: the connection failed, timed out, or the address is not allowed",
    disable: "Disable webhook",
    confirmDisable:
      "While disabled, receipts are kept and retried as failures; saving a URL again resumes them. Disable?",
    deliveries: "Recent deliveries",
    deliveriesEmpty: "No deliveries yet",
    messageId: "Message ID",
    deliveryStatus: "Result",
    attempts: "Attempts",
    lastResult: "Last result",
    nextAttempt: "Next attempt",
    createdAt: "Created",
    statuses: {
      PENDING: "Pending",
      DELIVERED: "Delivered",
      FAILED: "Given up",
    },
  },
  docs: {
    title: "API documentation",
    intro:
      "QiXinTong HTTP API v1: send SMS from your enterprise's systems and query their states. Machine-readable OpenAPI 3.1 document:",
    back: "Back to API",
    basics: "Basics",
    baseUrl: "Base URL",
    auth: "Authentication",
    authText:
      "Send Authorization: Bearer <API key> (or X-Api-Key: <API key>). A missing, invalid or revoked key is answered with 401 UNAUTHORIZED.",
    language: "Language",
    languageText: "Error messages are in Chinese by default; in English with Accept-Language: en.",
    idempotency: "Idempotency",
    idempotencyText:
      "A send may carry an Idempotency-Key header (1–100 characters, kept for 24 hours). Same key and same body: the first answer again (header Idempotent-Replayed: true), nothing is sent twice; same key, other body: 409 IDEMPOTENCY_CONFLICT. Only accepted (202) requests are remembered: a refused request created no job and may be retried with the same key.",
    rateLimit: "Rate limit",
    rateLimitText:
      "{rate} calls per second per key, bursts of {burst}; beyond that 429 RATE_LIMITED with the seconds to wait in Retry-After.",
    dailyCap: "Daily cap",
    dailyCapText:
      "Counted in billable segments per China-time calendar day. A request that would exceed it is refused whole (429 DAILY_CAP_EXCEEDED, Retry-After = seconds until the next day begins); nothing is sent partly.",
    review: "Content review",
    reviewText:
      "Content with terms that need human review is still accepted: 202 with job status HELD_FOR_REVIEW and warning.code = CONTENT_HELD_FOR_REVIEW. The job exists: keep its jobId and do not resubmit; it is sent once approved, or becomes REJECTED. Content with a blocked term is refused (422 CONTENT_BLOCKED).",
    endpoints: "Endpoints",
    parameters: "Parameters",
    requestBody: "Request body",
    responses: "Responses",
    responseFields: "Response fields ({status})",
    field: "Field",
    type: "Type",
    required: "Required",
    constraints: "Constraints",
    description: "Description",
    in: "In",
    example: "Example",
    errors: "Error codes",
    errorsIntro:
      'Every error answer has the body { "error": { "code": "…", "message": "…" } }; invalid parameters add details listing each field. Decide by code; message is for display only.',
    code: "Code",
    httpStatus: "HTTP status",
    webhooks: "Delivery-receipt webhooks",
    webhooksText:
      "When a message reaches a final state, the platform POSTs the JSON below to your webhook URL. Answer 2xx within 10 seconds; otherwise it is retried after 1, 2, 4, 8 and 16 minutes, 6 attempts in all. Each final state of a message is pushed once (deduplicate by X-QXT-Delivery).",
    signature: "Checking the signature",
    signatureText:
      'X-QXT-Signature: t=<Unix seconds>,v1=<hex HMAC-SHA256>. Compute HMAC-SHA256 with the signing secret over the string "<t>.<raw body>", compare it with v1 in constant time, and refuse a t more than 5 minutes from your clock.',
    curl: "curl examples",
    curlSend: "Send a notice",
    curlJob: "Query a job",
    curlMessage: "Query one message",
    exampleContent: "Your order 12345 has shipped.",
    yes: "Yes",
    no: "No",
  },
  openapi: {
    title: "QiXinTong HTTP API",
    description:
      "Send SMS from the enterprise's own systems and query jobs and messages. Authentication: Authorization: Bearer <API key>. Errors are { error: { code, message } }.",
    security: {
      bearer: "The API key in the Authorization header: Bearer qxt_live_…",
      header: "Or the API key in the X-Api-Key header",
    },
    headers: {
      idempotencyKey:
        "Idempotency key (1–100 printable ASCII characters, kept 24 hours): same key and body return the first answer; same key, other body returns 409 IDEMPOTENCY_CONFLICT",
      acceptLanguage: "Language of error messages: Chinese by default, en for English",
      replayed: "true when the answer replays an earlier request with the same Idempotency-Key",
      retryAfter: "Seconds to wait before retrying",
      location: "Where to query the new job",
      signature: 't=<Unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the signing secret>',
      delivery: "ID of this delivery, the same on retries; use it to deduplicate",
    },
    sendMessages: {
      summary: "Send messages",
      description:
        "Sends the same content to one or more numbers. Numbers must be in the enterprise's address book or an approved consent scope, and not opted out; others are reported one by one in recipients and skipped. When no number can be sent to, the content is refused, the daily cap would be exceeded or the account cannot send, the whole request is refused and no job is created.",
      accepted:
        "Accepted: the job ID, each recipient's outcome and the billable segments per message. When the content needs review the status is HELD_FOR_REVIEW with a warning.",
    },
    getJob: {
      summary: "Get a send job",
      description:
        "The job's state and the number of its messages in each state. Only the enterprise's own jobs; any other ID is 404 NOT_FOUND.",
      ok: "The job",
    },
    getMessage: {
      summary: "Get one message",
      description:
        "The state of one message (one recipient). Only the enterprise's own messages; any other ID is 404 NOT_FOUND.",
      ok: "The message",
    },
    openapi: {
      summary: "This OpenAPI document",
      description: "No authentication. English descriptions with ?lang=en or Accept-Language: en.",
      ok: "OpenAPI 3.1 document",
    },
    params: {
      jobId: "Job ID (jobId of the send answer)",
      messageId: "Message ID (recipients[].messageId of the send answer)",
    },
    responses: {
      error: "Error, see the error codes",
    },
    webhook: {
      summary: "Delivery receipt of a message",
      description:
        "Pushed when a message reaches a final state. Answer 2xx; otherwise it is retried with backoff, 6 attempts in all.",
      ok: "Received",
    },
    fields: {
      to: "Recipient mobile numbers, 1–10000; +86 / 0086 prefixes accepted, duplicates sent once",
      content:
        "Message text, 1–1000 characters, without the signature (the platform adds the enterprise's approved signature 【…】)",
      purpose:
        "Purpose: NOTICE, VERIFICATION (codes), CUSTOMER_SERVICE, INTERNAL (office work). There is no marketing purpose",
      scheduleAt:
        "Scheduled time (ISO 8601 with an offset, e.g. 2026-12-01T09:00:00+08:00), in the future and at most 30 days ahead; omit to send now",
      clientRef: "Your system's reference (at most 64 characters), kept on the job as given",
      jobId: "Job ID",
      jobStatus: "Job state: SCHEDULED, HELD_FOR_REVIEW, REJECTED (in review), QUEUED, SENDING, COMPLETED, CANCELLED",
      segmentsPerMessage:
        "Billable segments per message (signature included; long messages count 67 characters a segment)",
      accepted: "Recipients accepted",
      skipped: "Recipients skipped",
      recipients: "Each recipient's outcome, in the order of the request",
      recipientTo: "The number: normalised to 11 digits when recognised, as given otherwise",
      recipientStatus: "ACCEPTED, OPTED_OUT, NOT_ALLOWED (outside the allowed recipients), INVALID_NUMBER",
      messageId:
        "Message ID, to query its state and match webhooks (skipped numbers have one too, in state OPTED_OUT / NOT_ALLOWED; invalid numbers have none)",
      warning: "A notice (not an error): CONTENT_HELD_FOR_REVIEW means the content waits for human review",
      warningCode: "Notice code",
      warningMessage: "Notice text",
      errorCode: "Error code (stable, for programs)",
      errorMessage: "Error text (follows Accept-Language, for display only)",
      errorDetails: "For invalid parameters, the problem with each field",
      scheduledAt: "Scheduled time; null when sent now",
      source: "Where the job came from: PORTAL or API",
      jobRecipients: "Recipients in the request (skipped and invalid numbers included)",
      counts: "Number of messages in each state",
      progress: "Progress: total messages to send, done of them in a final state, and the percentage",
      createdAt: "When the job was accepted",
      startedAt: "When sending started",
      completedAt: "When every message reached a final state",
      cancelledAt: "When the job was cancelled",
      review: "Human review: the terms found, the note and when it was decided; null when no review was needed",
      messageTo: "Recipient number (11 digits)",
      messageStatus:
        "State: PENDING/SUBMITTING/SUBMITTED/UNKNOWN are not final; DELIVERED, UNDELIVERED, EXPIRED, REJECTED, FAILED, OPTED_OUT, NOT_ALLOWED, CANCELLED are",
      segments: "Billable segments",
      messageErrorCode: "Carrier or platform error code (on failure)",
      submittedAt: "When it was handed to the carrier",
      finalAt: "When it reached its final state",
    },
    errors: {
      INVALID_REQUEST:
        "The body is not JSON, a field is invalid, missing or unknown, or the scheduled time is out of range",
      UNAUTHORIZED: "No API key, or the key is invalid or revoked",
      CONTRACT_NOT_ACTIVE: "The service agreement is not yet in force or has ended",
      ACCOUNT_SUSPENDED: "Sending is suspended for unpaid charges",
      NOT_FOUND: "The job or message does not exist or is not the enterprise's",
      METHOD_NOT_ALLOWED: "The path does not take this method (the Allow header lists those it takes)",
      IDEMPOTENCY_CONFLICT:
        "The same Idempotency-Key was used with a different body (or its first request is still running)",
      TEXT_INVALID_CHARACTERS:
        "A text field (content, clientRef, a number) contains NUL, another control character (line breaks and tabs are allowed in content) or an unpaired UTF-16 surrogate; details name the field",
      TEXT_INVISIBLE_ONLY:
        "A text field contains only white space or invisible characters (zero-width, direction marks); details name the field",
      INVALID_NUMBER: "None of the numbers is a valid mainland China mobile number",
      RECIPIENT_NOT_ALLOWED: "None of the numbers is in the address book or an approved consent scope",
      OPTED_OUT: "Every number that could be sent to has opted out",
      CONTENT_BLOCKED: "The content contains a blocked term",
      SIGNATURE_MISSING: "The enterprise has no approved SMS signature yet",
      DAILY_CAP_EXCEEDED: "The request's segments exceed what is left of today's cap (refused whole)",
      RATE_LIMITED: "Too many requests",
      CONTENT_HELD_FOR_REVIEW: "Not an error: the warning of a 202 answer, the job waits for human review",
      INTERNAL: "Internal error; may be retried later (safely, with an Idempotency-Key)",
    },
  },
};
