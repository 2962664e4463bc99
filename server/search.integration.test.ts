// Searches match their term literally: "%" and "_" are characters, not LIKE wildcards (issue 16, item 9).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { createContact, listContacts } from "./addressbook/contacts";
import { composeContacts } from "./sending/views";
import { listUsers } from "./auth/accounts";
import { listEnterprises } from "./enterprises/directory";
import { escapeLikePattern } from "./search";
import { actorFor } from "./testing/callers";
import { createTestDatabase, type TestDatabase } from "./testing/database";

let t: TestDatabase;
const T0 = new Date("2026-11-25T02:00:00Z");
const query = { page: 1, pageSize: 50, sort: "mobile" as const, dir: "asc" as const };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  const demo = await actorFor(t.db, "admin@demo.example.com");
  await createContact(t.db, demo, { name: "张三", mobile: "15000000101", kind: "CLIENT" }, T0);
  await createContact(t.db, demo, { name: "李四", mobile: "15000000102", kind: "CLIENT" }, T0);
  await createContact(t.db, demo, { name: "100%满意", mobile: "15000000103", kind: "CLIENT" }, T0);
  await createContact(t.db, demo, { name: "a_b", mobile: "15000000104", kind: "CLIENT" }, T0);
});
afterAll(async () => t.drop());

describe("search terms are literal", () => {
  test("escapeLikePattern escapes the pattern characters and the escape character", () => {
    expect(escapeLikePattern("50%_off\\")).toBe("50\\%\\_off\\\\");
  });

  test("contacts: % and _ find only names containing them", async () => {
    const enterpriseId = (await actorFor(t.db, "admin@demo.example.com")).enterpriseId;
    expect((await listContacts(t.db, enterpriseId, { ...query, search: "%" })).rows.map((r) => r.name)).toEqual([
      "100%满意",
    ]);
    expect((await listContacts(t.db, enterpriseId, { ...query, search: "_" })).rows.map((r) => r.name)).toEqual([
      "a_b",
    ]);
    expect((await listContacts(t.db, enterpriseId, { ...query, search: "\\" })).total).toBe(0);
    expect((await composeContacts(t.db, enterpriseId, "%")).map((r) => r.name)).toEqual(["100%满意"]);
  });

  test("users and enterprises: a wildcard lists nothing", async () => {
    expect((await listUsers(t.db, { page: 1, pageSize: 50, search: "%" }, T0)).total).toBe(0);
    expect((await listUsers(t.db, { page: 1, pageSize: 50, search: "_" }, T0)).total).toBe(0);
    expect(
      (await listEnterprises(t.db, { page: 1, pageSize: 50, search: "%" } as Parameters<typeof listEnterprises>[1]))
        .total,
    ).toBe(0);
  });
});
