// tRPC: the context, the one error mapping, and procedure builders bound to roles and tenants.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Actor } from "../audit/log";
import { CUSTOMER_ROLES, isStaffWith, type SessionUser } from "../auth/accounts";
import type { Db } from "../db";
import { AppError, ERROR_CODES, type ErrorCode, isAppError } from "../errors";
import type { Role } from "../generated/prisma/client";
import { type Locale, type MessageKey, translator } from "../i18n";
import { findInvalidText, textIssueOf } from "../validation/text";

export interface TrpcContext {
  db: Db;
  user: SessionUser | null;
  locale: Locale;
  ip: string | null;
  userAgent: string | null;
  now: Date;
}

function zodDetail(error: ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
}

/** tRPC's own refusals (wrong method, content type, size, unparsable input) under their own codes, not INTERNAL. */
const FROM_TRPC_CODE: Partial<Record<TRPCError["code"], ErrorCode>> = {
  BAD_REQUEST: "INVALID_REQUEST",
  PARSE_ERROR: "INVALID_REQUEST",
  METHOD_NOT_SUPPORTED: "METHOD_NOT_ALLOWED",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
};

/** The stable code a client sees for a tRPC error (the formatter's; tests read it the same way). */
export function appCodeOf(error: TRPCError): ErrorCode {
  const cause = error.cause;
  if (isAppError(cause)) return cause.code;
  if (cause instanceof ZodError) return "INVALID_REQUEST";
  if (error.code === "UNAUTHORIZED") return "UNAUTHORIZED";
  if (error.code === "FORBIDDEN") return "FORBIDDEN";
  if (error.code === "NOT_FOUND") return "NOT_FOUND";
  return FROM_TRPC_CODE[error.code] ?? "INTERNAL";
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const appCode = appCodeOf(error);
    const tr = translator(ctx?.locale ?? "zh");
    const raw = isAppError(cause)
      ? cause.params
      : cause instanceof ZodError
        ? { detail: zodDetail(cause) }
        : { detail: "" };
    // A contract status travels as its code and is shown in the reader's language.
    const params =
      typeof raw.status === "string" ? { ...raw, status: tr(`contractStatus.${raw.status}` as MessageKey) } : raw;
    return {
      ...shape,
      // Internal details never reach the client; the code and the translated message do.
      message: tr(`errors.${appCode}`, params),
      data: { ...shape.data, appCode, stack: undefined },
    };
  },
});

/**
 * Domain errors become tRPC errors with the mapped code; the formatter translates them. A zod
 * failure of the text rule (server/validation/text.ts) is that rule's domain error, with its field.
 */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  const textIssue = !result.ok && result.error.cause instanceof ZodError ? textIssueOf(result.error.cause) : null;
  if (textIssue) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: textIssue.code,
      cause: new AppError(textIssue.code, { field: textIssue.field }),
    });
  }
  if (!result.ok && isAppError(result.error.cause)) {
    const cause = result.error.cause;
    throw new TRPCError({ code: ERROR_CODES[cause.code].trpc, message: cause.code, cause });
  }
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") {
    console.error("[trpc] internal error", result.error.cause ?? result.error);
  }
  return result;
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;
/**
 * The text rule's safety net over the whole raw input, before any schema: no string of any field
 * (ids, enums, e-mails, passwords included) may carry NUL, control characters or lone surrogates.
 */
const refuseInvalidText = t.middleware(async ({ getRawInput, next }) => {
  const field = findInvalidText(await getRawInput());
  if (field) throw new AppError("TEXT_INVALID_CHARACTERS", { field });
  return next();
});

export const publicProcedure = t.procedure.use(mapAppErrors).use(refuseInvalidText);

export function actorOf(ctx: TrpcContext): Actor {
  return { userId: ctx.user?.id ?? null, role: ctx.user?.role ?? null, ip: ctx.ip, userAgent: ctx.userAgent };
}

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError("UNAUTHORIZED");
  const user = ctx.user;
  return next({ ctx: { ...ctx, user, actor: { ...actorOf(ctx), userId: user.id } } });
});

/** A customer user; every query it makes is scoped to `ctx.enterpriseId`. */
export const customerProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!CUSTOMER_ROLES.includes(ctx.user.role) || !ctx.user.enterpriseId) throw new AppError("FORBIDDEN");
  return next({ ctx: { ...ctx, enterpriseId: ctx.user.enterpriseId } });
});

export const customerAdminProcedure = customerProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "CUSTOMER_ADMIN") throw new AppError("FORBIDDEN");
  return next();
});

/** Bureau staff; with roles given, only those roles (a bureau admin may always act). */
export function bureauProcedure(...roles: Role[]) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!isStaffWith(ctx.user.role, roles)) throw new AppError("FORBIDDEN");
    return next();
  });
}

/** Paging and sorting input shared by every list. */
export const pageInput = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(20),
});
