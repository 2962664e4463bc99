import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { expectAppError } from "../testing/callers";
import { authLockoutNotice } from "../inngest/functions/auth-lockout-notice";
import { startMailCatcher } from "../mail/catcher";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { hashPassword, verifyPassword } from "./password";
import { changePassword, LOCKOUT_MS, resolveSession, revokeOwnSession, signIn, unlockUser } from "./accounts";

let t: TestDatabase;
const client = { ip: "203.0.113.7", userAgent: "vitest" };
const T0 = new Date("2026-11-25T02:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const EMAIL = "lock.test@demo.example.com";
const PASSWORD = "Correct!Horse2026";

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
});
afterAll(async () => t.drop());

beforeEach(async () => {
  const enterprise = await t.db.enterprise.findFirstOrThrow({ where: { name: "示例科技有限公司" } });
  await t.db.user.upsert({
    where: { email: EMAIL },
    create: {
      email: EMAIL,
      name: "锁定测试",
      role: "CUSTOMER_OPERATOR",
      enterpriseId: enterprise.id,
      passwordHash: await hashPassword(PASSWORD),
    },
    update: { failedLoginCount: 0, lockedUntil: null, disabled: false, passwordHash: await hashPassword(PASSWORD) },
  });
});

describe("signIn", () => {
  test("the right password opens a session that resolves to the user", async () => {
    const user = await signIn(t.db, { email: " Admin@Demo.Example.com ", password: "Customer!2026" }, client, T0);
    expect(user.role).toBe("CUSTOMER_ADMIN");
    expect(user.enterpriseId).not.toBeNull();
    const session = await t.db.userSession.findUniqueOrThrow({ where: { id: user.sessionId } });
    expect(session.ip).toBe("203.0.113.7");
    expect(session.expiresAt.getTime()).toBe(T0.getTime() + 12 * 3600 * 1000);
    expect((await resolveSession(t.db, user.sessionId, at(60_000)))?.email).toBe("admin@demo.example.com");
    // Expired at its end, gone once revoked.
    expect(await resolveSession(t.db, user.sessionId, session.expiresAt)).toBeNull();
    await revokeOwnSession(t.db, { userId: user.id, role: user.role }, user.sessionId, at(1000));
    expect(await resolveSession(t.db, user.sessionId, at(2000))).toBeNull();
  });

  test("an unknown e-mail and a wrong password give the same error", async () => {
    await expectAppError(
      signIn(t.db, { email: "nobody@example.com", password: "x" }, client, T0),
      "INVALID_CREDENTIALS",
    );
    await expectAppError(signIn(t.db, { email: EMAIL, password: "wrong" }, client, T0), "INVALID_CREDENTIALS");
  });

  test("five wrong passwords in a row lock for 15 minutes; while locked even the right password gets the unknown e-mail's answer", async () => {
    for (let i = 1; i <= 4; i++) {
      await expectAppError(
        signIn(t.db, { email: EMAIL, password: `wrong-${i}` }, client, at(i * 1000)),
        "INVALID_CREDENTIALS",
      );
    }
    expect((await t.db.user.findUniqueOrThrow({ where: { email: EMAIL } })).failedLoginCount).toBe(4);
    await expectAppError(signIn(t.db, { email: EMAIL, password: "wrong-5" }, client, at(5000)), "INVALID_CREDENTIALS");
    const locked = await t.db.user.findUniqueOrThrow({ where: { email: EMAIL } });
    expect(locked.lockedUntil?.getTime()).toBe(at(5000).getTime() + LOCKOUT_MS);

    // Sixth attempt, right password, 6 minutes later, and one second before the end: still locked,
    // answered exactly as an unknown e-mail is (the answer tells a stranger nothing).
    await expectAppError(
      signIn(t.db, { email: EMAIL, password: PASSWORD }, client, at(5000 + 6 * 60_000)),
      "INVALID_CREDENTIALS",
    );
    await expectAppError(
      signIn(t.db, { email: EMAIL, password: PASSWORD }, client, at(5000 + LOCKOUT_MS - 1000)),
      "INVALID_CREDENTIALS",
    );
    // At the end: the right password works and the count resets.
    const user = await signIn(t.db, { email: EMAIL, password: PASSWORD }, client, at(5000 + LOCKOUT_MS));
    expect(user.email).toBe(EMAIL);
    const after = await t.db.user.findUniqueOrThrow({ where: { email: EMAIL } });
    expect(after.failedLoginCount).toBe(0);
    expect(after.lockedUntil).toBeNull();

    const actions = (
      await t.db.auditLog.findMany({ where: { entityId: locked.id, at: { gt: T0 } }, orderBy: { id: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual([
      "auth.signIn.wrongPassword",
      "auth.signIn.wrongPassword",
      "auth.signIn.wrongPassword",
      "auth.signIn.wrongPassword",
      "auth.account.locked",
      "auth.signIn.refusedLocked",
      "auth.signIn.refusedLocked",
    ]);
    // The owner is told by e-mail (the auth-lockout-notice function sends it: below).
    const events = await t.db.jobEvent.findMany({
      where: { name: "auth/account.locked", data: { path: ["userId"], equals: locked.id } },
    });
    expect(events.map((e) => e.data)).toEqual([
      {
        userId: locked.id,
        lockedAt: at(5000).toISOString(),
        lockedUntil: new Date(at(5000).getTime() + LOCKOUT_MS).toISOString(),
        attempts: 5,
      },
    ]);
  });

  test("30 wrong passwords sent at once: at most 5 are checked before the lock, the other 25 are refused unchecked", async () => {
    const now = new Date("2026-11-26T03:00:00Z");
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => signIn(t.db, { email: EMAIL, password: `guess-${i}` }, client, now)),
    );
    expect(
      results.every((r) => r.status === "rejected" && (r.reason as { code?: string }).code === "INVALID_CREDENTIALS"),
    ).toBe(true);
    const user = await t.db.user.findUniqueOrThrow({ where: { email: EMAIL } });
    expect(user.failedLoginCount).toBe(5);
    expect(user.lockedUntil?.getTime()).toBe(now.getTime() + LOCKOUT_MS);
    const audits = await t.db.auditLog.groupBy({ by: ["action"], where: { entityId: user.id, at: now }, _count: true });
    expect(Object.fromEntries(audits.map((a) => [a.action, a._count]))).toEqual({
      "auth.signIn.wrongPassword": 4,
      "auth.account.locked": 1,
      "auth.signIn.refusedLocked": 25,
    });
    // Even the right password, sent alongside, is not checked once the guesses are used up.
    await expectAppError(signIn(t.db, { email: EMAIL, password: PASSWORD }, client, now), "INVALID_CREDENTIALS");
  });

  test("the fifth guess being the right password signs in and lifts the lock its guess placed", async () => {
    for (let i = 1; i <= 4; i++)
      await signIn(t.db, { email: EMAIL, password: "wrong" }, client, at(i)).catch(() => undefined);
    expect((await signIn(t.db, { email: EMAIL, password: PASSWORD }, client, at(5))).email).toBe(EMAIL);
    const user = await t.db.user.findUniqueOrThrow({ where: { email: EMAIL } });
    expect([user.failedLoginCount, user.lockedUntil]).toEqual([0, null]);
  });

  test("the lock notice reaches the owner by e-mail, in their language", async () => {
    const catcher = await startMailCatcher(t.db, { port: 0 });
    const savedSmtpUrl = process.env.SMTP_URL;
    process.env.SMTP_URL = `smtp://127.0.0.1:${catcher.port}`;
    try {
      const user = await t.db.user.findUniqueOrThrow({ where: { email: EMAIL } });
      const lockedAt = new Date("2026-11-25T02:00:05Z");
      const engine = new InngestTestEngine({
        function: authLockoutNotice,
        events: [
          {
            name: "auth/account.locked",
            data: {
              userId: user.id,
              lockedAt: lockedAt.toISOString(),
              lockedUntil: new Date(lockedAt.getTime() + LOCKOUT_MS).toISOString(),
              attempts: 5,
            },
          },
        ],
        transformCtx: (ctx) => ({ ...mockCtx(ctx), db: t.db }),
      });
      const { result } = await engine.execute();
      expect(result).toMatchObject({ sent: true });
      const mail = await t.db.caughtMail.findFirstOrThrow({ orderBy: { receivedAt: "desc" } });
      expect(mail.envelopeTo).toEqual([EMAIL]);
      expect(mail.subject).toBe("企信通：您的账户已被临时锁定");
      expect(mail.text).toContain("连续输错 5 次，已于 2026-11-25 10:00（北京时间）被锁定，2026-11-25 10:15 自动解锁");
    } finally {
      if (savedSmtpUrl === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = savedSmtpUrl;
      await catcher.close();
    }
  });

  test("after a lock runs out, a wrong password starts the count afresh", async () => {
    for (let i = 1; i <= 5; i++)
      await signIn(t.db, { email: EMAIL, password: "wrong" }, client, at(i)).catch(() => undefined);
    await expectAppError(
      signIn(t.db, { email: EMAIL, password: "wrong" }, client, at(LOCKOUT_MS + 10)),
      "INVALID_CREDENTIALS",
    );
    expect((await t.db.user.findUniqueOrThrow({ where: { email: EMAIL } })).failedLoginCount).toBe(1);
  });

  test("a bureau admin lifts a lock at once", async () => {
    for (let i = 1; i <= 5; i++)
      await signIn(t.db, { email: EMAIL, password: "wrong" }, client, at(i)).catch(() => undefined);
    const user = await t.db.user.findUniqueOrThrow({ where: { email: EMAIL } });
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: "admin@bureau.example.com" } });
    await unlockUser(t.db, { userId: admin.id, role: admin.role }, user.id, at(10));
    expect((await signIn(t.db, { email: EMAIL, password: PASSWORD }, client, at(20))).email).toBe(EMAIL);
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "auth.account.unlocked", entityId: user.id },
    });
    expect(audit.actorId).toBe(admin.id);
  });

  test("a disabled account cannot sign in", async () => {
    await t.db.user.update({ where: { email: EMAIL }, data: { disabled: true } });
    await expectAppError(signIn(t.db, { email: EMAIL, password: PASSWORD }, client, T0), "ACCOUNT_DISABLED");
  });
});

describe("changePassword", () => {
  test("wrong current passwords count like sign-in failures: the fifth locks, then neither it nor sign-in checks a password", async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: EMAIL } });
    const actor = { userId: user.id, role: user.role };
    for (let i = 1; i <= 4; i++) {
      await expectAppError(
        changePassword(t.db, actor, { currentPassword: `nope-${i}`, newPassword: "Another!Pass2026" }, at(i)),
        "PASSWORD_WRONG",
      );
    }
    await expectAppError(
      changePassword(t.db, actor, { currentPassword: "nope-5", newPassword: "Another!Pass2026" }, at(5)),
      "ACCOUNT_LOCKED",
      { minutes: 15 },
    );
    await expectAppError(
      changePassword(t.db, actor, { currentPassword: PASSWORD, newPassword: "Another!Pass2026" }, at(6)),
      "ACCOUNT_LOCKED",
      { minutes: 15 },
    );
    await expectAppError(signIn(t.db, { email: EMAIL, password: PASSWORD }, client, at(7)), "INVALID_CREDENTIALS");
    const locked = await t.db.user.findUniqueOrThrow({ where: { email: EMAIL } });
    expect(locked.lockedUntil?.getTime()).toBe(at(5).getTime() + LOCKOUT_MS);
    expect(await verifyPassword(locked.passwordHash, PASSWORD)).toBe(true);
    // Once it runs out, the right current password changes it.
    await changePassword(
      t.db,
      actor,
      { currentPassword: PASSWORD, newPassword: "Another!Pass2026" },
      at(5 + LOCKOUT_MS),
    );
    expect((await t.db.user.findUniqueOrThrow({ where: { email: EMAIL } })).failedLoginCount).toBe(0);
  });

  test("needs the current password and follows the policy", async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: EMAIL } });
    const actor = { userId: user.id, role: user.role };
    await expectAppError(
      changePassword(t.db, actor, { currentPassword: "nope", newPassword: "Another!Pass2026" }, T0),
      "PASSWORD_WRONG",
    );
    await expectAppError(
      changePassword(t.db, actor, { currentPassword: PASSWORD, newPassword: "short1!" }, T0),
      "PASSWORD_POLICY",
    );
    await expectAppError(
      changePassword(t.db, actor, { currentPassword: PASSWORD, newPassword: EMAIL.toUpperCase() }, T0),
      "PASSWORD_POLICY",
      { problem: "IS_EMAIL" },
    );
    await expectAppError(
      changePassword(t.db, actor, { currentPassword: PASSWORD, newPassword: "1234567890" }, T0),
      "PASSWORD_POLICY",
      { problem: "REPETITIVE" },
    );
    await expectAppError(
      changePassword(t.db, actor, { currentPassword: PASSWORD, newPassword: "password123" }, T0),
      "PASSWORD_POLICY",
      { problem: "COMMON" },
    );
    await changePassword(t.db, actor, { currentPassword: PASSWORD, newPassword: "Another!Pass2026" }, T0);
    const updated = await t.db.user.findUniqueOrThrow({ where: { email: EMAIL } });
    expect(await verifyPassword(updated.passwordHash, "Another!Pass2026")).toBe(true);
    expect(await verifyPassword(updated.passwordHash, PASSWORD)).toBe(false);
    expect(updated.passwordChangedAt.getTime()).toBe(T0.getTime());
  });
});
