// Role and tenant checks of every procedure family, through the real router and a real database.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import type { SessionUser } from "../auth/accounts";
import type { Locale } from "../i18n";
import { callerWith, sessionsByEmail, trpcError as rejection } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { appRouter } from "./root";

let t: TestDatabase;
let users: Record<string, SessionUser> = {};
let demoId = "";
let otherId = "";

function caller(email: string | null, locale: Locale = "zh") {
  const user = email ? users[email] : null;
  if (email && !user) throw new Error(`no user ${email}`);
  return callerWith(t.db, user ?? null, { now: new Date("2026-11-25T02:00:00Z"), locale });
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  users = await sessionsByEmail(t.db);
  demoId = (await t.db.enterprise.findFirstOrThrow({ where: { name: "示例科技有限公司" } })).id;
  otherId = (await t.db.enterprise.findFirstOrThrow({ where: { name: "远景贸易有限公司" } })).id;
});
afterAll(async () => t.drop());

describe("customers see only their own enterprise", () => {
  test("portal.enterprise returns the caller's enterprise, never another's", async () => {
    expect((await caller("admin@demo.example.com").portal.enterprise()).id).toBe(demoId);
    expect((await caller("operator@demo.example.com").portal.enterprise()).id).toBe(demoId);
    expect((await caller("admin@other.example.com").portal.enterprise()).id).toBe(otherId);
  });

  test("a customer cannot reach bureau procedures, whatever the id", async () => {
    const error = await rejection(caller("admin@demo.example.com").customers.get({ id: otherId }));
    expect(error.code).toBe("FORBIDDEN");
    expect((await rejection(caller("admin@demo.example.com").customers.list({}))).code).toBe("FORBIDDEN");
    expect((await rejection(caller("admin@demo.example.com").users.list({}))).code).toBe("FORBIDDEN");
    expect((await rejection(caller("admin@demo.example.com").audit.list({}))).code).toBe("FORBIDDEN");
  });

  test("staff cannot use customer procedures", async () => {
    expect((await rejection(caller("admin@bureau.example.com").portal.enterprise())).code).toBe("FORBIDDEN");
  });
});

describe("bureau roles", () => {
  test("every staff role lists and opens customers", async () => {
    for (const email of [
      "admin@bureau.example.com",
      "sales@bureau.example.com",
      "finance@bureau.example.com",
      "compliance@bureau.example.com",
    ]) {
      const list = await caller(email).customers.list({ search: "远景" });
      expect(list.total).toBe(1);
      expect(list.rows[0]?.name).toBe("远景贸易有限公司");
      expect((await caller(email).customers.get({ id: demoId })).uscc).toMatch(/^[0-9A-Z]{18}$/);
    }
  });

  test("user administration, the audit log and settings changes are for bureau admins only", async () => {
    for (const email of ["sales@bureau.example.com", "finance@bureau.example.com", "compliance@bureau.example.com"]) {
      expect((await rejection(caller(email).users.list({}))).code).toBe("FORBIDDEN");
      expect((await rejection(caller(email).audit.list({}))).code).toBe("FORBIDDEN");
    }
    const config = await caller("sales@bureau.example.com").settings.get();
    const { id: _id, updatedAt: _u, ...input } = config;
    expect((await rejection(caller("sales@bureau.example.com").settings.update(input))).code).toBe("FORBIDDEN");
    const updated = await caller("admin@bureau.example.com").settings.update({ ...input, graceDays: 12 });
    expect(updated.graceDays).toBe(12);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "bureau.config.updated" } });
    expect(audit.detail).toEqual({ graceDays: { from: 10, to: 12 } });
  });

  test("opening a customer that does not exist is NOT_FOUND", async () => {
    expect((await rejection(caller("sales@bureau.example.com").customers.get({ id: "does-not-exist" }))).code).toBe(
      "NOT_FOUND",
    );
  });
});

describe("errors", () => {
  test("signed out: UNAUTHORIZED, with the message in the caller's language", async () => {
    const zh = await rejection(caller(null, "zh").account.me());
    expect(zh.code).toBe("UNAUTHORIZED");
    // The formatter translates: run through the router's error shape.
    const shape = appRouter._def._config.errorFormatter({
      error: zh,
      type: "query",
      path: "account.me",
      input: undefined,
      ctx: { locale: "en" } as never,
      shape: { message: zh.message, code: -32001, data: { code: "UNAUTHORIZED", httpStatus: 401 } },
    } as never) as { message: string; data: { appCode: string } };
    expect(shape.data.appCode).toBe("UNAUTHORIZED");
    expect(shape.message).toBe("Please sign in");
  });

  test("invalid input is INVALID_REQUEST, never a 500", async () => {
    const error = await rejection(caller("sales@bureau.example.com").customers.list({ pageSize: 10_000 }));
    expect(error.code).toBe("BAD_REQUEST");
    const config = await caller("admin@bureau.example.com").settings.get();
    const { id: _id, updatedAt: _u, ...input } = config;
    const uscc = await rejection(
      caller("admin@bureau.example.com").settings.update({ ...input, uscc: "91350100M000100Y44" }),
    );
    expect(uscc.code).toBe("BAD_REQUEST");
    const window = await rejection(
      caller("admin@bureau.example.com").settings.update({
        ...input,
        paymentWindowStartDay: 20,
        paymentWindowEndDay: 10,
      }),
    );
    expect(window.code).toBe("BAD_REQUEST");
  });
});

describe("packages", () => {
  test("the catalogue shows the price version in force and keeps the history", async () => {
    const packages = await caller(null).packages.list();
    expect(packages.map((p) => p.code)).toEqual(["BASIC", "STANDARD", "PREMIUM", "FREE"]);
    const basic = packages[0];
    expect(basic?.current).toMatchObject({
      version: 2,
      baseFeeFen: 10_000,
      includedMessages: 1_000,
      overagePriceLi: 50,
      dailyCap: 1_000,
    });
    expect(basic?.history.map((h) => h.version)).toEqual([2, 1]);
    const free = packages.find((p) => p.isFree);
    expect(free?.current).toMatchObject({ baseFeeFen: 0, includedMessages: 0, overagePriceLi: 45, dailyCap: 500 });
  });
});
