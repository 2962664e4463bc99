// Hostile text into every tRPC procedure and every route handler, as a caller allowed to use it
// (issue 16, item 4). A corpus of strings people and scanners send (NUL, lone surrogates, overlong,
// direction overrides and zero-width characters, emoji, LIKE's % and _, SQL, HTML) plus strings that
// fast-check generates go, one field at a time, into each text field of a valid-looking input built
// from the procedure's own zod schema (route handlers: their query, path and form fields, the cells
// of an uploaded file, the v1 API's JSON fields). Asserted for every call: never a 500, every refusal
// carries a stable code, and a refused call changed no row (row triggers count every write).
//
// Route handlers run as Next runs them, with two seams replaced: next/headers (there is no Next
// request scope in vitest) and the session lookup (currentUser); db() is the test database.
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { z } from "zod";
import * as v1Catchall from "@/app/api/v1/[...path]/route";
import * as v1Job from "@/app/api/v1/jobs/[id]/route";
import * as v1Message from "@/app/api/v1/messages/[id]/route";
import * as v1Messages from "@/app/api/v1/messages/route";
import * as v1OpenApi from "@/app/api/v1/openapi.json/route";
import * as billingDocument from "@/app/api/billing/[kind]/[id]/route";
import * as usageExport from "@/app/api/billing/usage/export/route";
import * as contactsExport from "@/app/api/contacts/export/route";
import * as contactsImport from "@/app/api/contacts/import/route";
import * as contractDocument from "@/app/api/contracts/[id]/documents/[version]/route";
import * as jobExport from "@/app/api/jobs/[id]/export/route";
import * as trpcRoute from "@/app/api/trpc/[trpc]/route";
import * as bureauBillingExport from "@/app/bureau/billing/export/route";
import * as bureauConsentLetter from "@/app/bureau/compliance/consents/[id]/letter/route";
import * as mailAttachment from "@/app/bureau/mail/attachments/[id]/route";
import * as consentApply from "@/app/portal/compliance/consents/apply/route";
import * as portalConsentLetter from "@/app/portal/compliance/consents/[id]/letter/route";
import { seedDemo } from "@/prisma/demo-data";
import { seedDemoContacts } from "../addressbook/demo";
import { API_ERROR_CODES } from "../api-v1/errors";
import { createApiKey } from "../api-keys/keys";
import { appRouter } from "../api/root";
import { appCodeOf } from "../api/trpc";
import type { SessionUser } from "../auth/accounts";
import { ERROR_CODES } from "../errors";
import { callerWith, sessionsByEmail } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";

const seam = vi.hoisted(() => ({ user: null as SessionUser | null, headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => seam.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));
vi.mock("@/server/auth/current", () => ({ currentUser: async () => seam.user }));

const NOW = new Date("2026-11-25T02:00:00Z");
const ORIGIN = "http://localhost:3000";

/** The fixed corpus: every string goes into every text field. */
const CORPUS: readonly string[] = [
  "\u0000",
  "张三\u0000",
  "\u0000' OR 1=1 --",
  "\uD800",
  "a\uDC00b",
  "\uDFFF\uD800",
  "😀\uD83D",
  "x".repeat(5_000),
  "长".repeat(1_200),
  "\u202Egnp.exe\u202C",
  "\u200B",
  "\u200B\u200C\u200D\u2060\uFEFF",
  "\u2066\u2067\u2069\u061C",
  "   \u3000 ",
  "\u0001\u001F\u007F",
  "\u0085",
  "\t",
  "line 1\nline 2\r\n",
  "😀",
  "👨‍👩‍👧‍👦🇨🇳",
  "%",
  "_",
  "%_%\\",
  "100%_off\\%",
  "' OR '1'='1",
  '\'; DROP TABLE "User"; --',
  "1); SELECT pg_sleep(10); --",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "{{7*7}}${7*7}",
  "",
  "示例科技",
  "13800138000",
];

/** What fast-check adds: arbitrary code units (lone surrogates included), graphemes, and mixes of the corpus's pieces. */
const generated = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({
    unit: fc.constantFrom("\u0000", "\uD800", "\uDC00", "\u200B", "\u202E", "%", "_", "'", "<", "a", "张", "😀", "\n"),
    maxLength: 30,
  }),
  fc.constantFrom(...CORPUS),
);
const RANDOM_RUNS = 2;

let t: TestDatabase;
let users: Record<string, SessionUser> = {};
let demoId = "";
let contractId = "";
let groupId = "";
let contactId = "";
let apiKey = "";

async function rowChanges(): Promise<bigint> {
  const rows = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT n FROM "_hostile_row_changes"`);
  return BigInt(rows[0]?.n ?? -1);
}

let lastCount = 0n;
/** Rows written since the last call of this function (one query per call: each call's "after" is the next one's "before"). */
async function writesSinceLast(): Promise<bigint> {
  const now = await rowChanges();
  const written = now - lastCount;
  lastCount = now;
  return written;
}

/** A row trigger on every table counts inserts, updates and deletes (rolled back with their transaction). */
async function countEveryWrite(): Promise<number> {
  await t.db.$executeRawUnsafe(`CREATE TABLE "_hostile_row_changes" (n bigint NOT NULL)`);
  await t.db.$executeRawUnsafe(`INSERT INTO "_hostile_row_changes" VALUES (0)`);
  await t.db.$executeRawUnsafe(
    `CREATE FUNCTION "_hostile_count"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE "_hostile_row_changes" SET n = n + 1; RETURN NULL; END $$`,
  );
  const tables = await t.db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_hostile_row_changes', '_prisma_migrations')`,
  );
  for (const { name } of tables) {
    await t.db.$executeRawUnsafe(
      `CREATE TRIGGER "_hostile_count" AFTER INSERT OR UPDATE OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION "_hostile_count"()`,
    );
  }
  return tables.length;
}

// ---- inputs from the procedures' own schemas ----

type Path = (string | number)[];
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A string field, or a pipe that starts from one (e-mails, USCC). */
function isStringLeaf(schema: z.ZodType): boolean {
  const def = defOf(schema);
  return def.type === "string" || (def.type === "pipe" && !!def.in && isStringLeaf(def.in));
}

/** A value the field accepts, chosen by name where the name says what it refers to. */
function benignString(schema: z.ZodType, name: string): string {
  const byName: Record<string, string> = {
    enterpriseId: demoId,
    contractId,
    groupId,
    groupIds: groupId,
    contactIds: contactId,
    numbers: "13912345678",
    mobile: "13912345678",
    to: "13912345678",
  };
  const candidates = [
    byName[name],
    "示例文本",
    "2026-12-15",
    "hostile-probe@example.com",
    "13912345678",
    "91350100M000100Y43",
    "A".repeat(43),
    "x",
  ];
  return candidates.find((c) => c !== undefined && schema.safeParse(c).success) ?? "x";
}

/** A sample input for `schema`, and the paths of its string fields. */
function sample(schema: z.ZodType, path: Path, leaves: Path[], name = ""): unknown {
  const def = defOf(schema);
  if (isStringLeaf(schema)) {
    leaves.push(path);
    return benignString(schema, name);
  }
  switch (def.type) {
    case "object":
      return Object.fromEntries(
        Object.entries(def.shape ?? {}).map(([key, field]) => [key, sample(field, [...path, key], leaves, key)]),
      );
    case "array":
      return [sample(def.element as z.ZodType, [...path, 0], leaves, name)];
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return sample(def.innerType as z.ZodType, path, leaves, name);
    case "pipe":
      return sample(def.in as z.ZodType, path, leaves, name);
    case "union":
      return sample((def.options ?? [])[0] as z.ZodType, path, leaves, name);
    case "enum":
      return Object.values(def.entries ?? {})[0];
    case "literal":
      return def.values?.[0];
    case "boolean":
      return false;
    case "date":
      return new Date(NOW.getTime() + 3_600_000);
    case "number":
      return [1, 0, 12, 2026].find((n) => schema.safeParse(n).success) ?? 1;
    case "bigint":
      return 1n;
    default:
      return undefined;
  }
}

function withValue(input: unknown, path: Path, value: string): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(input) ? [...(input as unknown[])] : { ...(input as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = withValue(copy[head], rest, value);
  return copy;
}

interface ProcedureDef {
  _def: { type: string; inputs: z.ZodType[] };
}

function procedures(): [string, ProcedureDef][] {
  return Object.entries(
    (appRouter as unknown as { _def: { procedures: Record<string, ProcedureDef> } })._def.procedures,
  );
}

type Caller = ReturnType<typeof callerWith>;
function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  return fn(input);
}

type Outcome = { ok: true } | { ok: false; code: string; error: unknown };
async function outcomeOf(promise: Promise<unknown>): Promise<Outcome> {
  try {
    await promise;
    return { ok: true };
  } catch (error) {
    return { ok: false, code: error instanceof TRPCError ? appCodeOf(error) : "NOT_A_TRPC_ERROR", error };
  }
}

const isRoleRefusal = (o: Outcome) => !o.ok && (o.code === "FORBIDDEN" || o.code === "UNAUTHORIZED");

function show(value: string): string {
  const s = JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…(${value.length})` : value);
  // Lone surrogates, format characters (zero-width, direction marks) and other spaces shown as escapes.
  return s.replace(
    /[\uD800-\uDFFF\p{Cf}\u007F-\u009F\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** One failure, for the list printed at the end (every failing procedure, not only the first). */
interface Failure {
  target: string;
  field: string;
  value: string;
  problem: string;
}

/** Runs the corpus and RANDOM_RUNS generated strings through `attempt`; the failures it reports are collected. */
async function hostileRuns(
  target: string,
  field: string,
  failures: Failure[],
  attempt: (value: string) => Promise<string | null>,
): Promise<number> {
  let runs = 0;
  const before = failures.length;
  await fc.assert(
    fc.asyncProperty(generated, async (value) => {
      runs++;
      const problem = await attempt(value);
      if (problem && failures.length - before < 3) failures.push({ target, field, value: show(value), problem });
    }),
    // The examples (the corpus) count towards numRuns and run first.
    { numRuns: CORPUS.length + RANDOM_RUNS, examples: CORPUS.map((s) => [s] as [string]), endOnFailure: true },
  );
  return runs;
}

const KNOWN_CODES = new Set(Object.keys(ERROR_CODES));

/**
 * Refusals that write by design: a wrong current password is a counted guess (lockout, issue 16
 * item 5); content the lexicon blocks is recorded as a violation and audited (乙方 3).
 */
const RECORDED_REFUSALS: Record<string, string[]> = {
  "account.changePassword": ["PASSWORD_WRONG", "ACCOUNT_LOCKED"],
  "sending.send": ["CONTENT_BLOCKED"],
  "POST /api/v1/messages": ["CONTENT_BLOCKED"],
};

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  users = await sessionsByEmail(t.db);
  demoId = (await t.db.enterprise.findFirstOrThrow({ where: { name: "示例科技有限公司" } })).id;
  await seedDemoContacts(t.db, demoId);
  contractId = (
    await t.db.contract.findFirstOrThrow({ where: { enterpriseId: demoId }, orderBy: { createdAt: "desc" } })
  ).id;
  groupId = (await t.db.contactGroup.findFirstOrThrow({ where: { enterpriseId: demoId } })).id;
  contactId = (await t.db.contact.findFirstOrThrow({ where: { enterpriseId: demoId } })).id;
  const admin = users["admin@demo.example.com"] as SessionUser;
  await t.db.smsSignature.create({
    data: { enterpriseId: demoId, text: "示例科技", status: "APPROVED", createdById: admin.id, decidedAt: NOW },
  });
  apiKey = (
    await createApiKey(
      t.db,
      { userId: admin.id, role: "CUSTOMER_ADMIN", enterpriseId: demoId, ip: null, userAgent: "vitest" },
      { name: "hostile" },
      NOW,
    )
  ).key;
  const tables = await countEveryWrite();
  console.log(
    `[hostile-input] corpus: ${CORPUS.length} strings (+${RANDOM_RUNS} generated per field); write counter on ${tables} tables`,
  );
  console.log(`[hostile-input] corpus: ${CORPUS.map(show).join(" ")}`);
  // Route handlers reach the database through db() and rate-limit the API from the environment.
  process.env.API_RATE_PER_SECOND = "100000";
  (globalThis as { qxtDb?: unknown }).qxtDb = t.db;
}, 120_000);

afterAll(async () => {
  delete (globalThis as { qxtDb?: unknown }).qxtDb;
  await t?.drop();
});

describe("hostile text in every tRPC procedure", () => {
  test("never a 500, every refusal has a code, a refused call changes no row", async () => {
    const callers: [string, Caller][] = [
      ["admin@demo.example.com", callerWith(t.db, users["admin@demo.example.com"] ?? null, { now: NOW })],
      ["admin@bureau.example.com", callerWith(t.db, users["admin@bureau.example.com"] ?? null, { now: NOW })],
      ["signed out", callerWith(t.db, null, { now: NOW })],
    ];
    const failures: Failure[] = [];
    let withText = 0;
    let withoutText = 0;
    let fields = 0;
    let calls = 0;
    for (const [path, procedure] of procedures()) {
      const schema = procedure._def.inputs[0];
      const leaves: Path[] = [];
      const base = schema ? sample(schema, [], leaves) : undefined;
      if (leaves.length === 0) {
        withoutText++;
        continue;
      }
      withText++;
      // The first caller the procedure does not refuse for its role is the allowed one.
      let allowed: Caller | null = null;
      for (const [, caller] of callers) {
        if (!isRoleRefusal(await outcomeOf(call(caller, path, base)))) {
          allowed = caller;
          break;
        }
      }
      if (!allowed) {
        failures.push({ target: path, field: "-", value: "-", problem: "no seeded caller is allowed" });
        continue;
      }
      const caller = allowed;
      await writesSinceLast();
      for (const leaf of leaves) {
        fields++;
        calls += await hostileRuns(path, leaf.join(".") || "input", failures, async (value) => {
          const outcome = await outcomeOf(call(caller, path, withValue(base, leaf, value)));
          const written = await writesSinceLast();
          if (outcome.ok) return null;
          if (outcome.code === "INTERNAL" || outcome.code === "NOT_A_TRPC_ERROR" || !KNOWN_CODES.has(outcome.code)) {
            const cause = (outcome.error as { cause?: unknown }).cause ?? outcome.error;
            return `${outcome.code}: ${String(cause instanceof Error ? cause.message : cause).slice(0, 160)}`;
          }
          if (written !== 0n && !RECORDED_REFUSALS[path]?.includes(outcome.code))
            return `refused (${outcome.code}) yet ${written} row writes`;
          return null;
        });
      }
    }
    console.log(
      `[hostile-input] tRPC: ${withText + withoutText} procedures (${withText} with text inputs, ${fields} text fields, ${calls} calls; ${withoutText} without text inputs)`,
    );
    for (const f of failures) console.log(`[hostile-input] FAIL ${f.target} ${f.field} ${f.value}: ${f.problem}`);
    expect(failures).toEqual([]);
  }, 600_000);
});

// ---- route handlers ----

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string | string[]>> },
) => Response | Promise<Response>;
interface Built {
  url: string;
  init?: RequestInit;
  params?: Record<string, string | string[]>;
}
interface RouteCase {
  route: string;
  handler: unknown;
  /** Signed in as (the session seam); null: the API key or nobody. */
  user: string | null;
  fields: string[];
  build: (field: string, value: string) => Built;
}

const CUSTOMER = "admin@demo.example.com";
const STAFF = "admin@bureau.example.com";

function query(path: string, fields: Record<string, string>): string {
  const url = new URL(path, ORIGIN);
  for (const [name, value] of Object.entries(fields)) url.searchParams.set(name, value);
  return url.toString();
}

/** The query fields with `field` set to `value`, the others to their benign values. */
const withField = <T extends Record<string, string>>(benign: T, field: string, value: string): T =>
  field in benign ? { ...benign, [field]: value } : benign;

function multipart(parts: Record<string, string | { name: string; bytes: Uint8Array; type: string }>): RequestInit {
  const form = new FormData();
  for (const [name, part] of Object.entries(parts)) {
    if (typeof part === "string") form.set(name, part);
    else form.set(name, new File([new Uint8Array(part.bytes)], part.name, { type: part.type }));
  }
  return { method: "POST", body: form, headers: { "Sec-Fetch-Site": "same-origin" } };
}

const csvCell = (value: string) => `"${value.replaceAll('"', '""')}"`;

function routeCases(): RouteCase[] {
  const id = "hostile-probe-id";
  const get = (path: string, benign: Record<string, string>) => (field: string, value: string) => ({
    url: query(path, withField(benign, field, value)),
  });
  const byParams =
    (
      path: (p: Record<string, string>) => string,
      benign: Record<string, string>,
      queryBenign: Record<string, string> = {},
    ) =>
    (field: string, value: string) => {
      const params = withField(benign, field, value);
      // A URL cannot carry a lone surrogate (it arrives as U+FFFD); the handler gets the raw value as its parameter.
      const inUrl = (v: string) => encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, "\uFFFD"));
      return {
        url: query(
          path(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, inUrl(v)]))),
          withField(queryBenign, field, value),
        ),
        params,
      };
    };
  const importFields = {
    fileName: "contacts.csv",
    defaultKind: "CLIENT",
    groupName: "导入",
    name: "李雷",
    mobile: "13912340001",
    tags: "客户",
    note: "备注",
    groups: "导入",
  };
  const consentFields = {
    reason: "活动通知",
    numbers: "13912340002",
    listFileName: "numbers.txt",
    letterName: "letter.pdf",
  };
  const v1Body = { content: "您的订单已发货", clientRef: "order-1", to: "13912340003" };
  const apiHeaders = { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" };
  return [
    {
      route: "GET /api/contacts/export",
      handler: contactsExport.GET,
      user: CUSTOMER,
      fields: ["q", "group", "tag", "kind", "format"],
      build: get("/api/contacts/export", { q: "张", group: groupId, tag: "客户", kind: "CLIENT", format: "csv" }),
    },
    {
      route: "POST /api/contacts/import",
      handler: contactsImport.POST,
      user: CUSTOMER,
      fields: Object.keys(importFields),
      build: (field, value) => {
        const f = withField(importFields, field, value);
        const csv = `姓名,手机,类型,标签,备注,分组\n${[f.name, f.mobile, "客户", f.tags, f.note, f.groups].map(csvCell).join(",")}\n`;
        return {
          url: `${ORIGIN}/api/contacts/import`,
          init: multipart({
            file: { name: f.fileName, bytes: new TextEncoder().encode(csv), type: "text/csv" },
            defaultKind: f.defaultKind,
            groupName: f.groupName,
          }),
        };
      },
    },
    {
      route: "POST /portal/compliance/consents/apply",
      handler: consentApply.POST,
      user: CUSTOMER,
      fields: Object.keys(consentFields),
      build: (field, value) => {
        const f = withField(consentFields, field, value);
        return {
          url: `${ORIGIN}/portal/compliance/consents/apply`,
          init: multipart({
            reason: f.reason,
            numbers: f.numbers,
            listFile: {
              name: f.listFileName,
              bytes: new TextEncoder().encode(`13912340004\n${field === "numbers" ? value : ""}\n`),
              type: "text/plain",
            },
            letter: {
              name: f.letterName,
              bytes: new TextEncoder().encode("%PDF-1.4\n%%EOF\n"),
              type: "application/pdf",
            },
          }),
        };
      },
    },
    {
      route: "GET /api/jobs/[id]/export",
      handler: jobExport.GET,
      user: CUSTOMER,
      fields: ["id", "format"],
      build: byParams((p) => `/api/jobs/${p.id}/export`, { id }, { format: "csv" }),
    },
    {
      route: "GET /api/billing/[kind]/[id]",
      handler: billingDocument.GET,
      user: CUSTOMER,
      fields: ["kind", "id"],
      build: byParams((p) => `/api/billing/${p.kind}/${p.id}`, { kind: "statement", id }),
    },
    {
      route: "GET /api/billing/usage/export",
      handler: usageExport.GET,
      user: CUSTOMER,
      fields: ["from", "to", "by", "format", "enterpriseId"],
      build: get("/api/billing/usage/export", {
        from: "2026-11-01",
        to: "2026-11-24",
        by: "day",
        format: "csv",
        enterpriseId: demoId,
      }),
    },
    {
      route: "GET /api/contracts/[id]/documents/[version]",
      handler: contractDocument.GET,
      user: CUSTOMER,
      fields: ["id", "version"],
      build: byParams((p) => `/api/contracts/${p.id}/documents/${p.version}`, { id: contractId, version: "1" }),
    },
    {
      route: "GET /bureau/billing/export",
      handler: bureauBillingExport.GET,
      user: STAFF,
      fields: ["kind", "format", "search", "period"],
      build: get("/bureau/billing/export", { kind: "aging", format: "csv", search: "示例", period: "2026-10" }),
    },
    {
      route: "GET /bureau/compliance/consents/[id]/letter",
      handler: bureauConsentLetter.GET,
      user: STAFF,
      fields: ["id"],
      build: byParams((p) => `/bureau/compliance/consents/${p.id}/letter`, { id }),
    },
    {
      route: "GET /portal/compliance/consents/[id]/letter",
      handler: portalConsentLetter.GET,
      user: CUSTOMER,
      fields: ["id"],
      build: byParams((p) => `/portal/compliance/consents/${p.id}/letter`, { id }),
    },
    {
      route: "GET /bureau/mail/attachments/[id]",
      handler: mailAttachment.GET,
      user: STAFF,
      fields: ["id"],
      build: byParams((p) => `/bureau/mail/attachments/${p.id}`, { id }),
    },
    {
      route: "POST /api/v1/messages",
      handler: v1Messages.POST,
      user: null,
      fields: Object.keys(v1Body),
      build: (field, value) => {
        const f = withField(v1Body, field, value);
        // JSON.stringify writes NUL and lone surrogates as \u escapes, as a client library would.
        return {
          url: `${ORIGIN}/api/v1/messages`,
          init: {
            method: "POST",
            headers: apiHeaders,
            body: JSON.stringify({ to: [f.to], content: f.content, purpose: "NOTICE", clientRef: f.clientRef }),
          },
        };
      },
    },
    {
      route: "GET /api/v1/jobs/[id]",
      handler: v1Job.GET,
      user: null,
      fields: ["id"],
      build: (field, value) => ({
        url: `${ORIGIN}/api/v1/jobs/x`,
        init: { headers: apiHeaders },
        params: { id: value },
      }),
    },
    {
      route: "GET /api/v1/messages/[id]",
      handler: v1Message.GET,
      user: null,
      fields: ["id"],
      build: (field, value) => ({
        url: `${ORIGIN}/api/v1/messages/x`,
        init: { headers: apiHeaders },
        params: { id: value },
      }),
    },
    {
      route: "GET /api/v1/openapi.json",
      handler: v1OpenApi.GET,
      user: null,
      fields: ["lang"],
      build: get("/api/v1/openapi.json", { lang: "zh" }),
    },
    {
      route: "POST /api/v1/[...path]",
      handler: v1Catchall.POST,
      user: null,
      fields: ["path"],
      build: (field, value) => ({
        url: `${ORIGIN}/api/v1/x`,
        init: { method: "POST", headers: apiHeaders, body: JSON.stringify({ value }) },
        params: { path: [value] },
      }),
    },
    {
      route: "POST /api/trpc/[trpc]",
      handler: trpcRoute.POST,
      user: CUSTOMER,
      fields: [
        "addressbook.contacts.create name",
        "addressbook.groups.create name",
        "sending.preview content",
        "compliance.signature.submit text",
        "apiKeys.create name",
      ],
      build: (field, value) => {
        const [path = "", key = ""] = field.split(" ");
        const inputs: Record<string, Record<string, unknown>> = {
          "addressbook.contacts.create": { name: "韩梅梅", mobile: "13912340005", kind: "CLIENT", tags: [] },
          "addressbook.groups.create": { name: "新组" },
          "sending.preview": { purpose: "NOTICE", content: "你好", numbers: "13912340006" },
          "compliance.signature.submit": { text: "示例" },
          "apiKeys.create": { name: "ERP" },
        };
        const body = JSON.stringify(superjson.serialize({ ...inputs[path], [key]: value }));
        return {
          url: `${ORIGIN}/api/trpc/${path}`,
          init: {
            method: "POST",
            headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "same-origin" },
            body,
          },
        };
      },
    },
    {
      route: "GET /api/trpc/[trpc]",
      handler: trpcRoute.GET,
      user: CUSTOMER,
      fields: ["addressbook.contacts.list search", "sending.contacts search"],
      build: (field, value) => {
        const [path = "", key = ""] = field.split(" ");
        return { url: query(`/api/trpc/${path}`, { input: JSON.stringify(superjson.serialize({ [key]: value })) }) };
      },
    },
  ];
}

/** The stable code of a route's refusal: `{ error: { code } }`, or tRPC's `{ error: { json: { data: { appCode } } } }`. */
async function refusalCode(response: Response): Promise<string | null> {
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: unknown; json?: { data?: { appCode?: unknown } } };
  } | null;
  const code = body?.error?.json?.data?.appCode ?? body?.error?.code;
  return typeof code === "string" ? code : null;
}

describe("hostile text in every route handler", () => {
  test("never a 500, every refusal has a code, a refused call changes no row", async () => {
    const failures: Failure[] = [];
    const cases = routeCases();
    let fields = 0;
    let calls = 0;
    const codes = new Set<string>([...KNOWN_CODES, ...API_ERROR_CODES]);
    // The API key's first use stamps its lastUsedAt (once a minute): done here, before anything is counted.
    seam.user = null;
    await v1Job.GET(new Request(`${ORIGIN}/api/v1/jobs/warm-up`, { headers: { Authorization: `Bearer ${apiKey}` } }), {
      params: Promise.resolve({ id: "warm-up" }),
    });
    await writesSinceLast();
    for (const c of cases) {
      for (const field of c.fields) {
        fields++;
        calls += await hostileRuns(c.route, field, failures, async (value) => {
          seam.user = c.user ? (users[c.user] ?? null) : null;
          seam.headers = new Headers({ "user-agent": "vitest" });
          const built = c.build(field, value);
          let response: Response;
          try {
            response = await (c.handler as Handler)(new Request(built.url, built.init), {
              params: Promise.resolve(built.params ?? {}),
            });
          } catch (error) {
            await writesSinceLast();
            return `threw (Next answers 500): ${String(error instanceof Error ? error.message : error).slice(0, 160)}`;
          }
          const written = await writesSinceLast();
          if (response.status >= 500)
            return `HTTP ${response.status}: ${JSON.stringify(await response.text()).slice(0, 160)}`;
          if (response.status < 400) return null;
          const code = await refusalCode(response);
          if (!code || !codes.has(code)) return `HTTP ${response.status} without a known code (${code})`;
          if (written !== 0n && !RECORDED_REFUSALS[c.route]?.includes(code))
            return `refused (${code}) yet ${written} row writes`;
          return null;
        });
      }
    }
    console.log(`[hostile-input] routes: ${cases.length} route handlers (${fields} text fields, ${calls} calls)`);
    for (const f of failures) console.log(`[hostile-input] FAIL ${f.target} ${f.field} ${f.value}: ${f.problem}`);
    expect(failures).toEqual([]);
  }, 600_000);
});

describe("the text rule's answers", () => {
  const admin = () => callerWith(t.db, users[CUSTOMER] ?? null, { now: NOW });

  test("tRPC: the code and the field, over HTTP translated; legitimate Chinese, emoji and line breaks still send; search still finds", async () => {
    const nul = await outcomeOf(admin().addressbook.groups.create({ name: "组\u0000" }));
    expect(nul.ok || [nul.code, (nul.error as TRPCError).code]).toEqual(["TEXT_INVALID_CHARACTERS", "BAD_REQUEST"]);
    const lone = await outcomeOf(admin().addressbook.contacts.list({ search: "\uD800" }));
    expect(lone.ok || lone.code).toBe("TEXT_INVALID_CHARACTERS");
    const invisible = await outcomeOf(
      admin().addressbook.contacts.create({ name: "\u200B\u200D", mobile: "13912349999", kind: "CLIENT", tags: [] }),
    );
    expect(
      invisible.ok || [invisible.code, ((invisible.error as TRPCError).cause as { params?: unknown }).params],
    ).toEqual(["TEXT_INVISIBLE_ONLY", { field: "name" }]);

    seam.user = users[CUSTOMER] ?? null;
    seam.headers = new Headers();
    const response = await trpcRoute.POST(
      new Request(`${ORIGIN}/api/trpc/addressbook.groups.create`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Sec-Fetch-Site": "same-origin" },
        body: JSON.stringify({ json: { name: "\u2060" } }),
      }),
    );
    const body = (await response.json()) as {
      error: { json: { message: string; data: { appCode: string; httpStatus: number } } };
    };
    expect([response.status, body.error.json.data.appCode]).toEqual([400, "TEXT_INVISIBLE_ONLY"]);
    expect(body.error.json.message).toBe("name 只有空白或不可见字符，请填写可见的内容");

    const operator = callerWith(t.db, users["operator@demo.example.com"] ?? null, { now: NOW });
    const staff = (await operator.sending.composeOptions()).groups.find((g) => g.name === "全体员工");
    const preview = await operator.sending.preview({
      purpose: "NOTICE",
      content: "下午三点开会😀👨‍👩‍👧\n请准时",
      groupIds: [staff?.id ?? ""],
    });
    expect(preview.fullText).toBe("【示例科技】下午三点开会😀👨‍👩‍👧\n请准时");
    const found = await admin().addressbook.contacts.list({ search: "张" });
    expect(found.total).toBeGreaterThan(0);
    expect((await admin().addressbook.contacts.list({ search: "%" })).total).toBe(0);
  });

  test("v1 API: 400 with the code and the field in details, in the caller's language", async () => {
    const send = async (body: object, language = "zh") =>
      v1Messages.POST(
        new Request(`${ORIGIN}/api/v1/messages`, {
          method: "POST",
          headers: {
            Authorization: `Bearer ${apiKey}`,
            "Content-Type": "application/json",
            "Accept-Language": language,
          },
          body: JSON.stringify(body),
        }),
      );
    const nul = await send({ to: ["13912340003"], content: "您好\u0000", purpose: "NOTICE" });
    expect(nul.status).toBe(400);
    expect(await nul.json()).toEqual({
      error: {
        code: "TEXT_INVALID_CHARACTERS",
        message: "content 含有不能保存的字符（空字符、控制字符或残缺的 Unicode 代理项）",
        details: [
          { field: "content", message: "content 含有不能保存的字符（空字符、控制字符或残缺的 Unicode 代理项）" },
        ],
      },
    });
    const lone = await send({ to: ["13912340003"], content: "您好", purpose: "NOTICE", clientRef: "ref-\uDC00" }, "en");
    expect([
      lone.status,
      ((await lone.json()) as { error: { code: string; details: { field: string }[] } }).error.details[0]?.field,
    ]).toEqual([400, "clientRef"]);
    const invisible = await send({ to: ["13912340003"], content: "\u200B\u200C", purpose: "NOTICE" });
    expect([invisible.status, ((await invisible.json()) as { error: { code: string } }).error.code]).toEqual([
      400,
      "TEXT_INVISIBLE_ONLY",
    ]);
  });

  test("contact import: a cell with NUL refuses the file, naming row and column; nothing is stored", async () => {
    seam.user = users[CUSTOMER] ?? null;
    const imports = await t.db.contactImport.count();
    const csv = "姓名,手机\n王五,13912340010\n赵\u0000六,13912340011\n";
    const response = await contactsImport.POST(
      new Request(
        `${ORIGIN}/api/contacts/import`,
        multipart({ file: { name: "c.csv", bytes: new TextEncoder().encode(csv), type: "text/csv" } }),
      ),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: "TEXT_INVALID_CHARACTERS",
        message: "3:name 含有不能保存的字符（空字符、控制字符或残缺的 Unicode 代理项），请删除后重试",
      },
    });
    expect(await t.db.contactImport.count()).toBe(imports);
  });
});
