import { InngestTestEngine, mockCtx } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { authPasswordReset } from "../inngest/functions/auth-password-reset";
import { startMailCatcher } from "../mail/catcher";
import type { OutgoingMail } from "../mail/transport";
import { expectAppError } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { hashPassword, verifyPassword } from "./password";
import {
  completePasswordReset,
  deliverPasswordReset,
  hashResetToken,
  lookupPasswordReset,
  RESET_LIMITS,
  RESET_TOKEN_TTL_MS,
  requestPasswordReset,
} from "./password-reset";
import { resolveSession, signIn } from "./accounts";

let t: TestDatabase;
const T0 = new Date("2026-11-25T02:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;
const EMAIL = "reset.test@demo.example.com";
const OLD_PASSWORD = "Correct!Horse2026";
const NEW_PASSWORD = "Lantern-Orchid-4417";
const BASE_URL = "https://qxt.example.com";
let ipCounter = 0;
/** A fresh client address per call, so the per-address limit only bites where a test wants it to. */
const freshClient = () => ({ ip: `198.51.100.${++ipCounter}`, userAgent: "vitest" });

/** Records what would be mailed: the Mailer interface, not a mock of a module. */
function recordingMailer() {
  const sent: OutgoingMail[] = [];
  return { sent, send: async (mail: OutgoingMail) => (sent.push(mail), { messageId: `<${sent.length}@test>` }) };
}

const tokenOf = (mail: OutgoingMail) => {
  const match = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!match) throw new Error(`no link in ${mail.text}`);
  return match[1]!;
};

/** A link for EMAIL issued at `requestedAt`, as the background function does. */
async function issueLink(requestedAt: Date, email = EMAIL): Promise<string> {
  const mailer = recordingMailer();
  await deliverPasswordReset(
    t.db,
    mailer,
    { email, requestedAt, ip: "203.0.113.7", userAgent: "vitest", baseUrl: BASE_URL },
    requestedAt,
  );
  return tokenOf(mailer.sent[0]!);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
});
afterAll(async () => t.drop());

beforeEach(async () => {
  const enterprise = await t.db.enterprise.findFirstOrThrow({ where: { name: "示例科技有限公司" } });
  const passwordHash = await hashPassword(OLD_PASSWORD);
  const user = await t.db.user.upsert({
    where: { email: EMAIL },
    create: { email: EMAIL, name: "重置测试", role: "CUSTOMER_OPERATOR", enterpriseId: enterprise.id, passwordHash },
    update: { failedLoginCount: 0, lockedUntil: null, disabled: false, passwordHash },
  });
  await t.db.passwordResetToken.deleteMany({ where: { userId: user.id } });
  await t.db.userSession.deleteMany({ where: { userId: user.id } });
});

describe("requesting a link", () => {
  test("an account's e-mail and an unknown one get the same answer and queue the same event; only the account is mailed", async () => {
    const known = await requestPasswordReset(t.db, { email: " Reset.Test@Demo.Example.com " }, freshClient(), T0);
    const unknown = await requestPasswordReset(t.db, { email: "nobody.here@example.com" }, freshClient(), T0);
    expect(known).toBeUndefined();
    expect(unknown).toBeUndefined();
    const events = await t.db.jobEvent.findMany({
      where: { name: "auth/password-reset.requested" },
      orderBy: { receivedAt: "asc" },
    });
    const data = events.map((e) => e.data as { email: string; requestedAt: string });
    expect(data.map((d) => d.email)).toEqual([EMAIL, "nobody.here@example.com"]);
    expect(data.every((d) => d.requestedAt === T0.toISOString())).toBe(true);

    const mailer = recordingMailer();
    const request = { requestedAt: T0, ip: null, userAgent: null, baseUrl: BASE_URL };
    expect(await deliverPasswordReset(t.db, mailer, { ...request, email: "nobody.here@example.com" }, T0)).toEqual({
      sent: false,
    });
    expect(mailer.sent).toEqual([]);
    expect(await deliverPasswordReset(t.db, mailer, { ...request, email: EMAIL }, T0)).toEqual({ sent: true });
    expect(mailer.sent.map((m) => m.to)).toEqual([EMAIL]);
    expect(mailer.sent[0]!.subject).toBe("企信通：重置密码");
    expect(mailer.sent[0]!.text).toContain(`${BASE_URL}/reset-password/`);
    expect(mailer.sent[0]!.text).toContain("30 分钟内（2026-11-25 10:30 前，北京时间）");

    // Only the hash is stored; the link expires 30 minutes after the request.
    const token = tokenOf(mailer.sent[0]!);
    const rows = await t.db.passwordResetToken.findMany({ where: { user: { email: EMAIL } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashResetToken(token));
    expect(rows[0]!.tokenHash).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime() - T0.getTime()).toBe(RESET_TOKEN_TTL_MS);
    expect(
      await t.db.auditLog.count({ where: { action: "auth.passwordReset.unknownEmail", at: T0 } }),
    ).toBeGreaterThanOrEqual(1);
  });

  test("a disabled account gets no mail either", async () => {
    await t.db.user.update({ where: { email: EMAIL }, data: { disabled: true } });
    const mailer = recordingMailer();
    const result = await deliverPasswordReset(
      t.db,
      mailer,
      { email: EMAIL, requestedAt: T0, ip: null, userAgent: null, baseUrl: BASE_URL },
      T0,
    );
    expect(result).toEqual({ sent: false });
    expect(mailer.sent).toEqual([]);
    expect(await t.db.passwordResetToken.count({ where: { user: { email: EMAIL } } })).toBe(0);
  });

  test("requests are limited per e-mail (known or not) and per client address, per window", async () => {
    const windowStart = new Date(
      Math.ceil(at(10 * 24 * 60 * MIN).getTime() / RESET_LIMITS.windowMs) * RESET_LIMITS.windowMs,
    );
    for (const email of [EMAIL, "limit.unknown@example.com"]) {
      for (let i = 0; i < RESET_LIMITS.perEmail; i++)
        await requestPasswordReset(t.db, { email }, freshClient(), new Date(windowStart.getTime() + i * 1000));
      await expectAppError(
        requestPasswordReset(t.db, { email }, freshClient(), new Date(windowStart.getTime() + 10_000)),
        "RATE_LIMITED",
      );
      // The next window allows requests again.
      await requestPasswordReset(
        t.db,
        { email },
        freshClient(),
        new Date(windowStart.getTime() + RESET_LIMITS.windowMs),
      );
    }
    const client = freshClient();
    for (let i = 0; i < RESET_LIMITS.perIp; i++)
      await requestPasswordReset(t.db, { email: `ip.${i}@example.com` }, client, windowStart);
    await expectAppError(
      requestPasswordReset(t.db, { email: "ip.last@example.com" }, client, windowStart),
      "RATE_LIMITED",
    );
  });

  test("the background function mails the link over SMTP; an unknown e-mail's run sends nothing", async () => {
    const catcher = await startMailCatcher(t.db, { port: 0 });
    const savedSmtpUrl = process.env.SMTP_URL;
    const savedBaseUrl = process.env.NEXTAUTH_URL;
    process.env.SMTP_URL = `smtp://127.0.0.1:${catcher.port}`;
    try {
      const run = (email: string) =>
        new InngestTestEngine({
          function: authPasswordReset,
          events: [
            {
              name: "auth/password-reset.requested",
              data: { email, requestedAt: T0.toISOString(), ip: "203.0.113.7", userAgent: "vitest" },
            },
          ],
          transformCtx: (ctx) => ({ ...mockCtx(ctx), db: t.db }),
        }).execute();
      const before = await t.db.caughtMail.count();
      expect((await run("smtp.nobody@example.com")).result).toEqual({ sent: false });
      expect(await t.db.caughtMail.count()).toBe(before);
      expect((await run(EMAIL)).result).toEqual({ sent: true });
      const mail = await t.db.caughtMail.findFirstOrThrow({ orderBy: { receivedAt: "desc" } });
      expect(mail.envelopeTo).toEqual([EMAIL]);
      expect(mail.subject).toBe("企信通：重置密码");
      const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
      expect(token).toBeDefined();
      expect((await lookupPasswordReset(t.db, token!, at(MIN))).email).toBe(EMAIL);
    } finally {
      if (savedSmtpUrl === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = savedSmtpUrl;
      if (savedBaseUrl === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = savedBaseUrl;
      await catcher.close();
    }
  });
});

describe("setting the new password", () => {
  const client = { ip: "203.0.113.9", userAgent: "vitest" };

  test("a link is valid for 30 minutes from the request, not a moment longer", async () => {
    const token = await issueLink(T0);
    expect((await lookupPasswordReset(t.db, token, at(30 * MIN - 1))).email).toBe(EMAIL);
    await expectAppError(lookupPasswordReset(t.db, token, at(30 * MIN)), "RESET_TOKEN_EXPIRED");
    await expectAppError(
      completePasswordReset(t.db, { token, newPassword: NEW_PASSWORD }, client, at(30 * MIN)),
      "RESET_TOKEN_EXPIRED",
    );
    const user = await t.db.user.findUniqueOrThrow({ where: { email: EMAIL } });
    expect(await verifyPassword(user.passwordHash, OLD_PASSWORD)).toBe(true);
  });

  test("unknown and malformed tokens are refused as invalid", async () => {
    await expectAppError(lookupPasswordReset(t.db, "x".repeat(43), T0), "RESET_TOKEN_INVALID");
    await expectAppError(lookupPasswordReset(t.db, "../../etc", T0), "RESET_TOKEN_INVALID");
  });

  test("a link works once; the user's other links are voided; every session is revoked; the lockout cleared; audited", async () => {
    const first = await issueLink(T0);
    const second = await issueLink(at(MIN));
    const browserA = await signIn(t.db, { email: EMAIL, password: OLD_PASSWORD }, client, at(2 * MIN));
    const browserB = await signIn(t.db, { email: EMAIL, password: OLD_PASSWORD }, client, at(2 * MIN));
    await t.db.user.update({
      where: { email: EMAIL },
      data: { failedLoginCount: 5, lockedUntil: at(20 * MIN) },
    });

    expect(await completePasswordReset(t.db, { token: first, newPassword: NEW_PASSWORD }, client, at(5 * MIN))).toEqual(
      {
        email: EMAIL,
      },
    );

    const user = await t.db.user.findUniqueOrThrow({ where: { email: EMAIL } });
    expect(await verifyPassword(user.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(user.passwordChangedAt).toEqual(at(5 * MIN));
    expect(user).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
    expect(await resolveSession(t.db, browserA.sessionId, at(6 * MIN))).toBeNull();
    expect(await resolveSession(t.db, browserB.sessionId, at(6 * MIN))).toBeNull();

    await expectAppError(
      completePasswordReset(t.db, { token: first, newPassword: "Another-Lantern-9931" }, client, at(6 * MIN)),
      "RESET_TOKEN_USED",
    );
    await expectAppError(lookupPasswordReset(t.db, second, at(6 * MIN)), "RESET_TOKEN_USED");

    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "auth.password.reset", entityId: user.id } });
    expect(audit).toMatchObject({ actorId: user.id, ip: "203.0.113.9", at: at(5 * MIN) });
    expect(audit.detail).toMatchObject({ sessionsRevoked: 2, linksVoided: 1 });

    // The new password signs in (the lock is gone), the old one does not.
    await expectAppError(
      signIn(t.db, { email: EMAIL, password: OLD_PASSWORD }, client, at(7 * MIN)),
      "INVALID_CREDENTIALS",
    );
    expect((await signIn(t.db, { email: EMAIL, password: NEW_PASSWORD }, client, at(7 * MIN))).email).toBe(EMAIL);
  });

  test("concurrent uses of one link: exactly one succeeds", async () => {
    const token = await issueLink(T0);
    const passwords = [
      "Parallel-Kestrel-1101",
      "Parallel-Kestrel-2202",
      "Parallel-Kestrel-3303",
      "Parallel-Kestrel-4404",
    ];
    const results = await Promise.allSettled(
      passwords.map((newPassword) => completePasswordReset(t.db, { token, newPassword }, client, at(MIN))),
    );
    const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [passwords[i]!] : []));
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "RESET_TOKEN_USED" });
    }
    const user = await t.db.user.findUniqueOrThrow({ where: { email: EMAIL } });
    expect(await verifyPassword(user.passwordHash, won[0]!)).toBe(true);
    expect(
      await t.db.auditLog.count({ where: { action: "auth.password.reset", entityId: user.id, at: at(MIN) } }),
    ).toBe(1);
  });

  test("the new password must meet the policy; a refused one leaves the link usable", async () => {
    const token = await issueLink(T0);
    for (const weak of ["short1!", "password123", "reset.test@demo.example.com", "abcabcabcabc"]) {
      await expectAppError(
        completePasswordReset(t.db, { token, newPassword: weak }, client, at(MIN)),
        "PASSWORD_POLICY",
      );
    }
    expect((await lookupPasswordReset(t.db, token, at(2 * MIN))).email).toBe(EMAIL);
    await completePasswordReset(t.db, { token, newPassword: NEW_PASSWORD }, client, at(2 * MIN));
  });
});
