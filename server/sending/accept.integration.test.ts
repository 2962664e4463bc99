// A send refused for a BLOCK term from the portal (the tRPC router, the same acceptSendJob the HTTP
// API uses; server/api-v1/http.integration.test.ts covers that path): nothing is written but the
// refusal, which goes on the enterprise's violation record and the audit trail.
import { afterAll, beforeAll, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { seedDemoContacts } from "../addressbook/demo";
import { callerWith, sessionOf, trpcError } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";

let t: TestDatabase;
const NOW = new Date("2026-11-25T02:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
}, 60_000);
afterAll(async () => t?.drop());

test("a portal send with a BLOCK term is refused, recorded as a CONTENT_BLOCKED violation and audited; no job", async () => {
  const user = await t.db.user.findUniqueOrThrow({ where: { email: "operator@demo.example.com" } });
  const enterpriseId = user.enterpriseId!;
  await seedDemoContacts(t.db, enterpriseId);
  await t.db.smsSignature.create({
    data: { enterpriseId, text: "示例科技", status: "APPROVED", createdById: user.id, decidedAt: NOW },
  });
  await t.db.lexiconTerm.createMany({
    data: [
      { term: "赌博", action: "BLOCK" },
      { term: "casino", action: "BLOCK" },
    ],
  });
  const caller = callerWith(t.db, sessionOf(user), { now: NOW });

  const error = await trpcError(
    caller.sending.send({ purpose: "NOTICE", content: "周末赌 博与Ｃａｓｉｎｏ活动", numbers: "13800138000" }),
  );
  expect(error.message).toBe("CONTENT_BLOCKED");

  expect(await t.db.sendJob.count()).toBe(0);
  const violations = await t.db.complianceViolation.findMany({ where: { enterpriseId } });
  expect(violations).toHaveLength(1);
  expect(violations[0]).toMatchObject({ kind: "CONTENT_BLOCKED", recordedById: user.id, jobId: null, createdAt: NOW });
  expect(violations[0]!.detail.split("、").sort()).toEqual(["casino", "赌博"]);
  const audit = await t.db.auditLog.findMany({
    where: { enterpriseId, action: { in: ["sending.content.blocked", "compliance.violation.recorded"] } },
    select: { action: true, actorId: true },
  });
  expect(audit.map((a) => a.action).sort()).toEqual(["compliance.violation.recorded", "sending.content.blocked"]);
  expect(audit.every((a) => a.actorId === user.id)).toBe(true);
});
