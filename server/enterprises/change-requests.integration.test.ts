import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import type { Actor } from "../audit/log";
import type { SessionUser } from "../auth/accounts";
import { translator } from "../i18n";
import { appError, callerWith, expectAppError, sessionsByEmail, trpcCode } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import {
  approveEnterpriseChange,
  type EnterpriseAdmin,
  getEnterpriseChange,
  latestEnterpriseChange,
  listEnterpriseChanges,
  rejectEnterpriseChange,
  submitEnterpriseChange,
  withdrawEnterpriseChange,
} from "./change-requests";
import { usccCheckCharacter } from "./uscc";

let t: TestDatabase;
let admin: EnterpriseAdmin;
let otherAdmin: EnterpriseAdmin;
let sales: Actor;
let sessions: Record<string, SessionUser> = {};
const T0 = new Date("2026-11-25T02:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
// Every test acts later than the one before, so "latest" is well defined.
let minutes = 0;
const later = () => at(++minutes * 60_000);
const withCheck = (first17: string) => first17 + usccCheckCharacter(first17);
const NEW_USCC = withCheck("91350100MA2Y3QXK9");

function caller(email: string) {
  const user = sessions[email];
  if (!user) throw new Error(`no user ${email}`);
  return callerWith(t.db, user, { now: later() });
}

const demo = () => t.db.enterprise.findUniqueOrThrow({ where: { id: admin.enterpriseId } });

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  sessions = await sessionsByEmail(t.db);
  const actorOf = (email: string) => {
    const u = sessions[email];
    if (!u) throw new Error(email);
    return { userId: u.id, role: u.role, enterpriseId: u.enterpriseId ?? "", ip: "127.0.0.1", userAgent: "vitest" };
  };
  admin = actorOf("admin@demo.example.com");
  otherAdmin = actorOf("admin@other.example.com");
  sales = actorOf("sales@bureau.example.com");
});
afterAll(async () => t.drop());

// Each test starts with no request open.
beforeEach(async () => {
  await t.db.enterpriseChangeRequest.updateMany({ where: { status: "PENDING" }, data: { status: "WITHDRAWN" } });
});

describe("submitting", () => {
  test("only changed fields are stored, normalised, with their old values", async () => {
    const before = await demo();
    const request = await submitEnterpriseChange(
      t.db,
      admin,
      {
        name: before.name, // unchanged: not stored
        address: " 示例市软件大道 100 号 ",
        contactMobile: "+86 139-0013-9111",
        uscc: NEW_USCC.toLowerCase(),
      },
      later(),
    );
    expect(request.status).toBe("PENDING");
    expect(request.changes).toEqual({
      address: { from: before.address, to: "示例市软件大道 100 号" },
      contactMobile: { from: before.contactMobile, to: "13900139111" },
      uscc: { from: before.uscc, to: NEW_USCC },
    });
    // Nothing changes before approval.
    expect(await demo()).toEqual(before);
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "enterprise.change.requested", entityId: request.id },
    });
    expect(audit).toMatchObject({
      actorId: admin.userId,
      enterpriseId: admin.enterpriseId,
      entityType: "EnterpriseChangeRequest",
    });
  });

  test("one pending request at a time, also under concurrency", async () => {
    await submitEnterpriseChange(t.db, admin, { bankName: "新开户行一" }, later());
    await expectAppError(
      submitEnterpriseChange(t.db, admin, { bankName: "新开户行二" }, later()),
      "CHANGE_REQUEST_PENDING",
    );
    await t.db.enterpriseChangeRequest.updateMany({ where: { status: "PENDING" }, data: { status: "WITHDRAWN" } });

    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((n) => submitEnterpriseChange(t.db, admin, { bankName: `并发开户行 ${n}` }, later())),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      await t.db.enterpriseChangeRequest.count({ where: { enterpriseId: admin.enterpriseId, status: "PENDING" } }),
    ).toBe(1);
  });

  test("invalid values are refused with their own codes; nothing unchanged is NO_CHANGES", async () => {
    await expectAppError(submitEnterpriseChange(t.db, admin, { uscc: "91350100MA2Y3QXK70" }, later()), "USCC_INVALID", {
      problem: "CHECK_CHARACTER",
    });
    await expectAppError(submitEnterpriseChange(t.db, admin, { uscc: "123" }, later()), "USCC_INVALID", {
      problem: "LENGTH",
    });
    await expectAppError(submitEnterpriseChange(t.db, admin, { uscc: "91350100MA2Y3QXKI0" }, later()), "USCC_INVALID", {
      problem: "CHARACTERS",
    });
    // The message says why, in the user's language.
    const wrong = await appError(submitEnterpriseChange(t.db, admin, { uscc: "91350100MA2Y3QXK70" }, later()));
    expect(translator("zh")("errors.USCC_INVALID", wrong.params)).toBe(
      "统一社会信用代码无效：校验码（最后一位）不正确，请核对是否录错",
    );
    expect(translator("en")("errors.USCC_INVALID", wrong.params)).toBe(
      "The unified social credit code is not valid: the check character (the last one) does not match: check for a typing mistake",
    );
    await expectAppError(submitEnterpriseChange(t.db, admin, { phone: "not a phone" }, later()), "PHONE_INVALID");
    await expectAppError(submitEnterpriseChange(t.db, admin, { contactMobile: "12345" }, later()), "MOBILE_INVALID");
    const current = await demo();
    await expectAppError(
      submitEnterpriseChange(t.db, admin, { address: current.address, uscc: current.uscc.toLowerCase() }, later()),
      "NO_CHANGES",
    );
    expect(await t.db.enterpriseChangeRequest.count({ where: { status: "PENDING" } })).toBe(0);
  });

  test("another enterprise's USCC is refused", async () => {
    const other = await t.db.enterprise.findUniqueOrThrow({ where: { id: otherAdmin.enterpriseId } });
    await expectAppError(submitEnterpriseChange(t.db, admin, { uscc: other.uscc }, later()), "USCC_TAKEN");
  });
});

describe("deciding", () => {
  test("approval applies exactly the changed fields and audits them with from/to", async () => {
    const before = await demo();
    const request = await submitEnterpriseChange(
      t.db,
      admin,
      { address: "示例市新地址 1 号", phone: "0591-88889999" },
      later(),
    );
    const decidedAt = later();
    const updated = await approveEnterpriseChange(t.db, sales, request.id, decidedAt);
    expect(updated).toEqual({
      ...before,
      address: "示例市新地址 1 号",
      phone: "0591-88889999",
      updatedAt: updated.updatedAt,
    });
    expect(await demo()).toEqual(updated);

    const stored = await t.db.enterpriseChangeRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(stored).toMatchObject({ status: "APPROVED", decidedById: sales.userId, decidedAt });
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "enterprise.details.changed", entityId: before.id },
    });
    expect(audit).toMatchObject({
      actorId: sales.userId,
      actorRole: "SALES",
      entityType: "Enterprise",
      enterpriseId: before.id,
      at: decidedAt,
      detail: {
        requestId: request.id,
        changes: {
          address: { from: before.address, to: "示例市新地址 1 号" },
          phone: { from: before.phone, to: "0591-88889999" },
        },
      },
    });
    // Decided once.
    await expectAppError(approveEnterpriseChange(t.db, sales, request.id, later()), "REQUEST_NOT_PENDING");
    await expectAppError(rejectEnterpriseChange(t.db, sales, request.id, "太晚了", later()), "REQUEST_NOT_PENDING");
    expect((await latestEnterpriseChange(t.db, admin.enterpriseId))?.status).toBe("APPROVED");
  });

  test("approval re-checks USCC uniqueness and leaves everything as it was when taken", async () => {
    const before = await demo();
    const request = await submitEnterpriseChange(
      t.db,
      admin,
      { uscc: NEW_USCC, bankAccount: "6222 0000 1111" },
      later(),
    );
    // Another enterprise takes the code while the request waits.
    await t.db.enterprise.update({ where: { id: otherAdmin.enterpriseId }, data: { uscc: NEW_USCC } });
    await expectAppError(approveEnterpriseChange(t.db, sales, request.id, later()), "USCC_TAKEN");
    expect(await demo()).toEqual(before);
    expect((await t.db.enterpriseChangeRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      "PENDING",
    );
    await t.db.enterprise.update({
      where: { id: otherAdmin.enterpriseId },
      data: { uscc: withCheck("91350103MA8R2LWN4") },
    });
  });

  test("rejection needs a reason, which the customer then sees", async () => {
    const request = await submitEnterpriseChange(t.db, admin, { contactName: "王五" }, later());
    await expectAppError(rejectEnterpriseChange(t.db, sales, request.id, "   ", later()), "REASON_REQUIRED");
    await rejectEnterpriseChange(t.db, sales, request.id, " 请上传营业执照 ", later());
    const latest = await latestEnterpriseChange(t.db, admin.enterpriseId);
    expect(latest).toMatchObject({
      id: request.id,
      status: "REJECTED",
      decisionNote: "请上传营业执照",
      changes: { contactName: { to: "王五" } },
    });
    expect((await demo()).contactName).not.toBe("王五");
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "enterprise.change.rejected", entityId: request.id },
    });
    expect(audit).toMatchObject({
      actorId: sales.userId,
      enterpriseId: admin.enterpriseId,
      detail: { reason: "请上传营业执照" },
    });
  });

  test("the admin withdraws a pending request; another enterprise's admin cannot", async () => {
    const request = await submitEnterpriseChange(t.db, admin, { legalRepresentative: "李四" }, later());
    await expectAppError(withdrawEnterpriseChange(t.db, otherAdmin, request.id, later()), "NOT_FOUND");
    await withdrawEnterpriseChange(t.db, admin, request.id, later());
    expect((await latestEnterpriseChange(t.db, admin.enterpriseId))?.status).toBe("WITHDRAWN");
    await expectAppError(withdrawEnterpriseChange(t.db, admin, request.id, later()), "REQUEST_NOT_PENDING");
    await expectAppError(approveEnterpriseChange(t.db, sales, request.id, later()), "REQUEST_NOT_PENDING");
    expect(await t.db.auditLog.count({ where: { action: "enterprise.change.withdrawn", entityId: request.id } })).toBe(
      1,
    );
  });

  test("the queue lists pending requests, oldest first, with the enterprise and the fields", async () => {
    const theirs = await submitEnterpriseChange(t.db, otherAdmin, { address: "远景新址" }, later());
    const mine = await submitEnterpriseChange(t.db, admin, { bankName: "队列开户行" }, later());
    const queue = await listEnterpriseChanges(t.db, { page: 1, pageSize: 20, status: "PENDING" });
    expect(queue.total).toBe(2);
    expect(queue.rows.map((r) => [r.id, r.enterprise.name, r.fields])).toEqual([
      [theirs.id, "远景贸易有限公司", ["address"]],
      [mine.id, "示例科技有限公司", ["bankName"]],
    ]);
    const detail = await getEnterpriseChange(t.db, mine.id);
    expect(detail.requestedBy?.email).toBe("admin@demo.example.com");
    expect(detail.changes.bankName?.to).toBe("队列开户行");
  });
});

describe("through the router: roles and tenancy", () => {
  test("operators may view but not submit; only the admin's own enterprise is visible", async () => {
    expect(
      await trpcCode(caller("operator@demo.example.com").enterpriseChanges.submit({ address: "操作员改地址" })),
    ).toBe("FORBIDDEN");
    const request = await caller("admin@demo.example.com").enterpriseChanges.submit({ address: "路由改地址" });
    expect((await caller("operator@demo.example.com").enterpriseChanges.current())?.id).toBe(request.id);
    expect((await caller("admin@other.example.com").enterpriseChanges.current())?.id).not.toBe(request.id);
    expect(await trpcCode(caller("admin@other.example.com").enterpriseChanges.withdraw({ id: request.id }))).toBe(
      "NOT_FOUND",
    );
    expect(await trpcCode(caller("operator@demo.example.com").enterpriseChanges.withdraw({ id: request.id }))).toBe(
      "FORBIDDEN",
    );
    expect(await trpcCode(caller("admin@demo.example.com").enterpriseChanges.get({ id: request.id }))).toBe(
      "FORBIDDEN",
    );
    expect(await trpcCode(caller("admin@demo.example.com").enterpriseChanges.approve({ id: request.id }))).toBe(
      "FORBIDDEN",
    );
  });

  test("SALES and the bureau admin decide; other staff cannot", async () => {
    const request = await caller("admin@demo.example.com").enterpriseChanges.submit({ address: "审批改地址" });
    expect(await trpcCode(caller("finance@bureau.example.com").enterpriseChanges.queue({}))).toBe("FORBIDDEN");
    expect(await trpcCode(caller("compliance@bureau.example.com").enterpriseChanges.approve({ id: request.id }))).toBe(
      "FORBIDDEN",
    );
    expect((await caller("admin@bureau.example.com").enterpriseChanges.queue({})).rows.map((r) => r.id)).toContain(
      request.id,
    );
    expect(
      await trpcCode(caller("sales@bureau.example.com").enterpriseChanges.reject({ id: request.id, reason: "" })),
    ).toBe("BAD_REQUEST");
    await caller("sales@bureau.example.com").enterpriseChanges.approve({ id: request.id });
    expect((await demo()).address).toBe("审批改地址");
  });
});
