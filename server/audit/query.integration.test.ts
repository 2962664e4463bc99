import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { unlockUser } from "../auth/accounts";
import { actorFor, callerFor, trpcError } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { type AuditFilterInput, auditFilterInput, searchAudit } from "./query";
import { recordAudit, SYSTEM_ACTOR } from "./log";

let t: TestDatabase;
// A day of its own (China time), far from anything the seed writes.
const DAY = "2031-03-10";
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`);
const search = (filter: AuditFilterInput) =>
  searchAudit(t.db, auditFilterInput.parse({ from: DAY, to: DAY, ...filter }));

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  const sales = await actorFor(t.db, "sales@bureau.example.com", { ip: "203.0.113.5" });
  const finance = await actorFor(t.db, "finance@bureau.example.com");
  const admin = await actorFor(t.db, "admin@bureau.example.com");
  await recordAudit(
    t.db,
    sales,
    {
      action: "contract.terms.updated",
      entityType: "Contract",
      entityId: "contract-a",
      detail: { graceDays: { from: 10, to: 15 }, depositFen: { from: 500000, to: 300000 } },
    },
    at("00:00"),
  );
  await recordAudit(
    t.db,
    finance,
    {
      action: "billing.payment.recorded",
      entityType: "Payment",
      entityId: "payment-b",
      detail: { amountFen: 11170, reason: "银行转账" },
    },
    at("09:30"),
  );
  await recordAudit(
    t.db,
    SYSTEM_ACTOR,
    {
      action: "contract.activated",
      entityType: "Contract",
      entityId: "contract-a",
      detail: { from: "APPROVED", to: "ACTIVE" },
    },
    at("23:59"),
  );
  // A real service's entry, on the same day.
  const locked = await t.db.user.findUniqueOrThrow({ where: { email: "operator@demo.example.com" } });
  await unlockUser(t.db, admin, locked.id, at("12:00"));
  // The days either side, which a one-day range must leave out.
  await recordAudit(
    t.db,
    sales,
    { action: "contract.terms.updated", entityType: "Contract" },
    new Date(at("00:00").getTime() - 1),
  );
  await recordAudit(
    t.db,
    sales,
    { action: "contract.terms.updated", entityType: "Contract" },
    new Date(at("23:59").getTime() + 60_000),
  );
});
afterAll(async () => t.drop());

describe("searchAudit", () => {
  test("a China-time day holds its own entries only, newest first", async () => {
    const { total, rows } = await search({});
    expect(total).toBe(4);
    expect(rows.map((r) => r.action)).toEqual([
      "contract.activated",
      "auth.account.unlocked",
      "billing.payment.recorded",
      "contract.terms.updated",
    ]);
  });

  test("the actor is found by part of the name or of the e-mail; the system acts under no name", async () => {
    expect((await search({ actor: "王芳" })).rows.map((r) => r.action)).toEqual(["contract.terms.updated"]);
    expect((await search({ actor: "FINANCE@bureau" })).rows.map((r) => r.actorName)).toEqual(["财务 刘洋"]);
    expect((await search({ actor: "nobody" })).total).toBe(0);
    const system = (await search({ action: "contract.activated" })).rows[0]!;
    expect([system.actorName, system.actorEmail]).toEqual([null, null]);
  });

  test("action by part of its code; target by record type or exact id", async () => {
    expect((await search({ action: "TERMS" })).total).toBe(1);
    expect((await search({ target: "contract" })).total).toBe(2);
    expect((await search({ target: "payment-b" })).rows.map((r) => r.entityType)).toEqual(["Payment"]);
    expect((await search({ target: "payment", actor: "王芳" })).total).toBe(0);
  });

  test("each entry carries what changed, before and after, and its other facts", async () => {
    const rows = (await search({ sort: "at", dir: "asc" })).rows;
    expect(rows[0]).toMatchObject({
      action: "contract.terms.updated",
      ip: "203.0.113.5",
      changes: [
        { field: "graceDays", before: 10, after: 15 },
        { field: "depositFen", before: 500000, after: 300000 },
      ],
      facts: [],
    });
    // jsonb keeps keys shortest first.
    expect(rows[1]).toMatchObject({
      changes: [],
      facts: [
        { field: "reason", value: "银行转账" },
        { field: "amountFen", value: 11170 },
      ],
    });
    expect(rows[2]).toMatchObject({
      action: "auth.account.unlocked",
      facts: [{ field: "wasLockedUntil", value: null }],
    });
    expect(rows[3]).toMatchObject({ changes: [{ field: "value", before: "APPROVED", after: "ACTIVE" }] });
  });

  test("paging and sorting by actor or action", async () => {
    const first = await search({ page: 1, pageSize: 3, sort: "action", dir: "asc" });
    const second = await search({ page: 2, pageSize: 3, sort: "action", dir: "asc" });
    expect(first.total).toBe(4);
    expect([...first.rows, ...second.rows].map((r) => r.action)).toEqual([
      "auth.account.unlocked",
      "billing.payment.recorded",
      "contract.activated",
      "contract.terms.updated",
    ]);
    // The order of names is the database's collation; whichever it is, desc is asc reversed.
    const asc = await search({ sort: "actor", dir: "asc", actor: "@bureau" });
    const desc = await search({ sort: "actor", dir: "desc", actor: "@bureau" });
    expect(asc.rows.map((r) => r.actorEmail)).toEqual(desc.rows.map((r) => r.actorEmail).reverse());
    expect(new Set(asc.rows.map((r) => r.actorEmail)).size).toBe(3);
    const byActor = asc;
    expect(byActor.total).toBe(3);
  });

  test("through the router: bureau admins only; a reversed range is DATE_RANGE_INVALID", async () => {
    const now = at("23:59");
    const admin = await callerFor(t.db, "admin@bureau.example.com", { now });
    expect((await admin.audit.list({ from: DAY, to: DAY })).total).toBe(4);
    const reversed = await trpcError(admin.audit.list({ from: "2031-03-11", to: DAY }));
    expect(reversed.cause).toMatchObject({ code: "DATE_RANGE_INVALID", params: { from: "2031-03-11", to: DAY } });
    const sales = await callerFor(t.db, "sales@bureau.example.com", { now });
    expect((await trpcError(sales.audit.list({}))).code).toBe("FORBIDDEN");
  });
});
