// The one way route handlers (downloads and uploads beside tRPC) learn who calls them, read what
// they are sent and answer: domain errors become `{ error: { code, message } }` with the code's HTTP
// status, in the caller's language; state-changing requests must come from the app's own pages;
// bodies are read against a limit while they stream; route parameters are checked before use;
// files go out as private, uncached downloads with an ASCII and a UTF-8 file name.
import "server-only";
import { headers } from "next/headers";
import { currentUser } from "../auth/current";
import { clientIp } from "./client-ip";
import { CUSTOMER_ROLES, isStaffWith, type SessionUser } from "../auth/accounts";
import { type Db, db } from "../db";
import { env } from "../env";
import { AppError, type ErrorCode, ERROR_CODES, type ErrorParams, isAppError } from "../errors";
import type { Role } from "../generated/prisma/client";
import { LOCALE_COOKIE, type Locale, resolveLocale, translator } from "../i18n";
import { assertNoInvalidText } from "../validation/text";
import { contentDisposition } from "./disposition";

export interface RouteCaller {
  user: SessionUser;
  /** The process-wide database handle, for the services the handler calls (app/ never imports Prisma). */
  db: Db;
  ip: string | null;
  userAgent: string | null;
}

/** The signed-in user behind the request; UNAUTHORIZED otherwise. */
export async function routeCaller(): Promise<RouteCaller> {
  const user = await currentUser();
  if (!user) throw new AppError("UNAUTHORIZED");
  const h = await headers();
  return { user, db: db(), ip: clientIp(h), userAgent: h.get("user-agent") };
}

/** Bureau staff with one of `roles` (bureau admins always), as bureauProcedure; UNAUTHORIZED / FORBIDDEN otherwise. */
export async function staffCaller(...roles: Role[]): Promise<RouteCaller> {
  const caller = await routeCaller();
  if (!isStaffWith(caller.user.role, roles)) throw new AppError("FORBIDDEN");
  return caller;
}

/** A customer user acting for their own enterprise; UNAUTHORIZED / FORBIDDEN otherwise. */
export async function customerCaller(): Promise<RouteCaller & { enterpriseId: string }> {
  const caller = await routeCaller();
  if (!CUSTOMER_ROLES.includes(caller.user.role) || !caller.user.enterpriseId) throw new AppError("FORBIDDEN");
  return { ...caller, enterpriseId: caller.user.enterpriseId };
}

/** The language of the answer: the locale cookie of the request, else Chinese (as currentLocale). */
export function requestLocale(request: Request): Locale {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [name, value] = part.trim().split("=", 2);
    if (name === LOCALE_COOKIE) return resolveLocale(value);
  }
  return resolveLocale(undefined);
}

export function errorResponse(
  request: Request,
  code: ErrorCode,
  params: ErrorParams = {},
  extraHeaders: Record<string, string> = {},
): Response {
  const t = translator(requestLocale(request));
  return Response.json(
    { error: { code, message: t(`errors.${code}`, params) } },
    { status: ERROR_CODES[code].http, headers: { "Cache-Control": "no-store", ...extraHeaders } },
  );
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The origins the app's own pages are served from: the request's, its Host (or a proxy's X-Forwarded-Host), NEXTAUTH_URL. */
function ownOrigins(request: Request): Set<string> {
  const url = new URL(request.url);
  const origins = new Set([url.origin]);
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(/:$/, "");
  for (const host of [request.headers.get("x-forwarded-host")?.split(",")[0]?.trim(), request.headers.get("host")]) {
    if (host) origins.add(`${proto}://${host}`);
  }
  const configured = env().NEXTAUTH_URL;
  if (configured) origins.add(new URL(configured).origin);
  return origins;
}

/**
 * Cross-site request forgery: a state-changing request (POST, PUT, PATCH, DELETE) must say it comes
 * from the app's own pages, by the browser's Sec-Fetch-Site (same-origin) or else its Origin header.
 * Session cookies are SameSite=Lax, which does not stop every cross-site post; a request that shows
 * neither header is refused too (the app's pages always send them). The public API v1 does not come
 * here: it authenticates by API key, not by cookie, and is meant for server-to-server calls.
 */
export function assertSameOrigin(request: Request): void {
  if (!STATE_CHANGING.has(request.method.toUpperCase())) return;
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) {
    if (site === "same-origin") return;
    throw new AppError("CROSS_SITE_REQUEST");
  }
  const origin = request.headers.get("origin");
  if (origin === null || !ownOrigins(request).has(origin)) throw new AppError("CROSS_SITE_REQUEST");
}

/** How much a route reads of a body, and how it refuses more (PAYLOAD_TOO_LARGE unless a domain code is given). */
export interface BodyLimit {
  maxBytes: number;
  code?: ErrorCode;
  params?: ErrorParams;
}

function tooLarge(limit: BodyLimit): AppError {
  return new AppError(limit.code ?? "PAYLOAD_TOO_LARGE", limit.params ?? {});
}

/** Refuses a body whose declared Content-Length is beyond the limit, before reading any of it. */
export function assertDeclaredLength(request: Request, limit: BodyLimit): void {
  const declared = request.headers.get("content-length")?.trim();
  if (declared && /^\d+$/.test(declared) && Number(declared) > limit.maxBytes) throw tooLarge(limit);
}

/**
 * The body's bytes, counted while they stream in (chunked or not, whatever Content-Length claims):
 * past the limit the stream is cancelled and nothing more is read or kept.
 */
export async function readBody(request: Request, limit: BodyLimit): Promise<Uint8Array<ArrayBuffer>> {
  assertDeclaredLength(request, limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw new AppError("INVALID_REQUEST", { detail: "body" });
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > limit.maxBytes) {
      reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(chunk.value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    body.set(c, offset);
    offset += c.byteLength;
  }
  return body;
}

/**
 * A multipart/form-data body within the limit; another content type is UNSUPPORTED_MEDIA_TYPE. Its
 * text fields and file names keep to the text rule's characters (TEXT_INVALID_CHARACTERS).
 */
export async function readForm(request: Request, limit: BodyLimit): Promise<FormData> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
  const body = await readBody(request, limit);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    throw new AppError("INVALID_REQUEST", { detail: "multipart/form-data" });
  }
  for (const [name, value] of form.entries())
    assertNoInvalidText({ [name]: typeof value === "string" ? value : value.name });
  return form;
}

/** Bytes as UTF-8 text; invalid UTF-8 is refused rather than stored as replacement characters. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError("INVALID_REQUEST", { detail: "UTF-8" });
  }
}

/** A JSON body within the limit: valid UTF-8 and valid JSON, else INVALID_REQUEST; no string in it breaks the text rule's characters. */
export async function readJson(request: Request, limit: BodyLimit): Promise<unknown> {
  const text = decodeUtf8(await readBody(request, limit));
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new AppError("INVALID_REQUEST", { detail: "JSON" });
  }
  assertNoInvalidText(body);
  return body;
}

/** What a route parameter may be: a record id (letters, digits, _ and -), a positive 32-bit integer, or one of a few words. */
export type ParamRule = "id" | "int" | readonly string[];
type ParamValue<R> = R extends "int" ? number : R extends readonly (infer W)[] ? W : string;
export type CheckedParams<S extends Record<string, ParamRule>> = { [K in keyof S]: ParamValue<S[K]> };

const ID_PARAM = /^[A-Za-z0-9_-]{1,64}$/;
const INT_MAX = 2_147_483_647;

/** The route's parameters checked against `rules`; one that cannot name anything is NOT_FOUND (never a database error). */
export async function routeParams<S extends Record<string, ParamRule>>(
  params: Promise<Record<string, string | string[] | undefined>>,
  rules: S,
): Promise<CheckedParams<S>> {
  const raw = await params;
  const checked: Record<string, string | number> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const value = raw[name];
    if (typeof value !== "string") throw new AppError("NOT_FOUND");
    if (rule === "id") {
      if (!ID_PARAM.test(value)) throw new AppError("NOT_FOUND");
      checked[name] = value;
    } else if (rule === "int") {
      const n = /^[1-9]\d{0,9}$/.test(value) ? Number(value) : NaN;
      if (!(n <= INT_MAX)) throw new AppError("NOT_FOUND");
      checked[name] = n;
    } else {
      if (!rule.includes(value)) throw new AppError("NOT_FOUND");
      checked[name] = value;
    }
  }
  return checked as CheckedParams<S>;
}

export interface RouteOptions {
  /** The route takes a body up to this limit: a larger declared Content-Length is refused before anything else. */
  body?: BodyLimit;
}

/**
 * Runs a handler: state-changing requests are checked for their origin and a declared body size
 * first; a domain error becomes its JSON answer, anything else is rethrown for Next to log.
 */
export async function handleRoute(
  request: Request,
  handler: () => Promise<Response>,
  options: RouteOptions = {},
): Promise<Response> {
  try {
    assertSameOrigin(request);
    if (options.body) assertDeclaredLength(request, options.body);
    // Query parameters (filters, searches) keep to the text rule's characters, whichever route reads them.
    for (const [name, value] of new URL(request.url).searchParams) assertNoInvalidText({ [name]: value });
    return await handler();
  } catch (error) {
    if (isAppError(error)) return errorResponse(request, error.code, error.params);
    throw error;
  }
}

/**
 * The answer to every method a route does not serve: 405 with the JSON error body and an Allow
 * header. Routes export it under the names they lack (Next would answer an empty 405).
 */
export function methodNotAllowed(...allowed: string[]): (request: Request) => Response {
  return (request) => errorResponse(request, "METHOD_NOT_ALLOWED", {}, { Allow: allowed.join(", ") });
}

export interface Download {
  body: Uint8Array | Buffer;
  contentType: string;
  /** The name people see (may be Chinese). */
  fileName: string;
  /** A plain ASCII name for clients that ignore filename*; derived from fileName when omitted. */
  asciiName?: string;
  /** Open in the browser (PDF, image) rather than save. */
  inline?: boolean;
}

export function downloadResponse(file: Download): Response {
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition(file.fileName, file.asciiName, file.inline),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
