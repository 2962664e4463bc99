import type { EnterpriseActor } from "../audit/log";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { resolveSession, signIn } from "../auth/accounts";
import { actorFor, callerFor, expectAppError, trpcCode } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import {
  acceptInvitation,
  disableOperator,
  enableOperator,
  hashInvitationToken,
  INVITATION_TTL_MS,
  inviteOperator,
  listInvitations,
  listMembers,
  lookupInvitation,
  revokeInvitation,
} from "./members";

let t: TestDatabase;
let admin: EnterpriseActor;
let otherAdmin: EnterpriseActor;
const client = { ip: "203.0.113.9", userAgent: "vitest" };
const T0 = new Date("2026-11-25T02:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const PASSWORD = "Operator!Pass2026";

const tokenOf = (path: string) => path.replace("/invite/", "");

const adminOf = (email: string): Promise<EnterpriseActor> => actorFor(t.db, email, { ip: client.ip });

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  admin = await adminOf("admin@demo.example.com");
  otherAdmin = await adminOf("admin@other.example.com");
});
afterAll(async () => t.drop());

describe("invitations", () => {
  test("invite → accept → the new operator signs in; the token is stored only as its hash", async () => {
    const invited = await inviteOperator(
      t.db,
      admin,
      { name: "新操作员", email: " New.Operator@Demo.Example.com " },
      T0,
    );
    expect(invited.email).toBe("new.operator@demo.example.com");
    expect(invited.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(invited.expiresAt.getTime()).toBe(T0.getTime() + INVITATION_TTL_MS);
    const token = tokenOf(invited.path);

    const row = await t.db.invitation.findUniqueOrThrow({ where: { id: invited.id } });
    expect(row.tokenHash).toBe(hashInvitationToken(token));
    expect(row.tokenHash).not.toContain(token);
    expect(row.role).toBe("CUSTOMER_OPERATOR");
    expect(row.enterpriseId).toBe(admin.enterpriseId);

    const seen = await lookupInvitation(t.db, token, at(60_000));
    expect(seen).toMatchObject({
      email: "new.operator@demo.example.com",
      name: "新操作员",
      enterpriseName: "示例科技有限公司",
    });

    await expectAppError(acceptInvitation(t.db, { token, password: "short" }, client, at(60_000)), "PASSWORD_POLICY");
    await acceptInvitation(t.db, { token, password: PASSWORD }, client, at(120_000));

    const user = await t.db.user.findUniqueOrThrow({ where: { email: "new.operator@demo.example.com" } });
    expect(user).toMatchObject({
      role: "CUSTOMER_OPERATOR",
      enterpriseId: admin.enterpriseId,
      name: "新操作员",
      disabled: false,
    });
    expect((await t.db.invitation.findUniqueOrThrow({ where: { id: invited.id } })).acceptedAt).toEqual(at(120_000));

    const session = await signIn(
      t.db,
      { email: "new.operator@demo.example.com", password: PASSWORD },
      client,
      at(180_000),
    );
    expect(session.role).toBe("CUSTOMER_OPERATOR");
    expect(session.enterpriseId).toBe(admin.enterpriseId);

    // Used once only.
    await expectAppError(lookupInvitation(t.db, token, at(200_000)), "INVITATION_USED");
    await expectAppError(acceptInvitation(t.db, { token, password: PASSWORD }, client, at(200_000)), "INVITATION_USED");

    const actions = (
      await t.db.auditLog.findMany({
        where: { enterpriseId: admin.enterpriseId, action: { startsWith: "team." } },
        orderBy: { id: "asc" },
      })
    ).map((a) => [a.action, a.entityType]);
    expect(actions).toEqual([
      ["team.invitation.created", "Invitation"],
      ["team.invitation.accepted", "Invitation"],
      ["team.user.created", "User"],
    ]);
    const created = await t.db.auditLog.findFirstOrThrow({ where: { action: "team.invitation.created" } });
    expect(created.actorId).toBe(admin.userId);
    expect(created.at).toEqual(T0);
  });

  test("an expired token is refused, and an unknown one is invalid", async () => {
    const invited = await inviteOperator(t.db, admin, { name: "过期", email: "expired@demo.example.com" }, T0);
    const token = tokenOf(invited.path);
    const expiry = at(INVITATION_TTL_MS);
    expect((await lookupInvitation(t.db, token, at(INVITATION_TTL_MS - 1))).email).toBe("expired@demo.example.com");
    await expectAppError(lookupInvitation(t.db, token, expiry), "INVITATION_EXPIRED");
    await expectAppError(acceptInvitation(t.db, { token, password: PASSWORD }, client, expiry), "INVITATION_EXPIRED");
    expect(await t.db.user.findUnique({ where: { email: "expired@demo.example.com" } })).toBeNull();
    await expectAppError(lookupInvitation(t.db, "A".repeat(43), T0), "INVITATION_INVALID");

    const listed = await listInvitations(t.db, admin.enterpriseId, expiry);
    expect(listed.find((i) => i.id === invited.id)?.status).toBe("EXPIRED");
    // Once expired, the address may be invited again.
    await inviteOperator(t.db, admin, { name: "过期", email: "expired@demo.example.com" }, expiry);
  });

  test("an e-mail already a user, or with a pending invitation in any enterprise, cannot be invited", async () => {
    await expectAppError(
      inviteOperator(t.db, admin, { name: "x", email: "operator@demo.example.com" }, T0),
      "EMAIL_TAKEN",
    );
    await expectAppError(
      inviteOperator(t.db, admin, { name: "x", email: "ADMIN@other.example.com" }, T0),
      "EMAIL_TAKEN",
    );
    await inviteOperator(t.db, admin, { name: "双重", email: "twice@example.com" }, T0);
    await expectAppError(
      inviteOperator(t.db, admin, { name: "双重", email: "twice@example.com" }, at(1000)),
      "INVITATION_PENDING",
    );
    await expectAppError(
      inviteOperator(t.db, otherAdmin, { name: "双重", email: "Twice@Example.com" }, at(1000)),
      "INVITATION_PENDING",
    );
  });

  test("concurrent invitations of the same address: exactly one succeeds", async () => {
    const results = await Promise.allSettled(
      [admin, otherAdmin, admin, otherAdmin].map((who) =>
        inviteOperator(t.db, who, { name: "并发", email: "race@example.com" }, T0),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.invitation.count({ where: { email: "race@example.com" } })).toBe(1);
  });

  test("a revoked invitation cannot be accepted; only the own enterprise's pending invitations can be revoked", async () => {
    const invited = await inviteOperator(t.db, admin, { name: "撤销", email: "revoked@demo.example.com" }, T0);
    await expectAppError(revokeInvitation(t.db, otherAdmin, invited.id, at(1000)), "NOT_FOUND");
    await revokeInvitation(t.db, admin, invited.id, at(1000));
    await expectAppError(revokeInvitation(t.db, admin, invited.id, at(2000)), "INVITATION_REVOKED");
    await expectAppError(lookupInvitation(t.db, tokenOf(invited.path), at(2000)), "INVITATION_REVOKED");
    await expectAppError(
      acceptInvitation(t.db, { token: tokenOf(invited.path), password: PASSWORD }, client, at(2000)),
      "INVITATION_REVOKED",
    );
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "team.invitation.revoked", entityId: invited.id },
    });
    expect(audit).toMatchObject({ actorId: admin.userId, enterpriseId: admin.enterpriseId, entityType: "Invitation" });
    // Another enterprise never sees it.
    expect((await listInvitations(t.db, otherAdmin.enterpriseId, at(2000))).map((i) => i.email)).not.toContain(
      "revoked@demo.example.com",
    );
  });

  test("accepting fails cleanly when the address was registered after the invitation", async () => {
    const invited = await inviteOperator(t.db, admin, { name: "抢注", email: "taken.later@example.com" }, T0);
    await t.db.user.create({
      data: {
        email: "taken.later@example.com",
        name: "别人",
        role: "CUSTOMER_ADMIN",
        enterpriseId: otherAdmin.enterpriseId,
        passwordHash: "x",
      },
    });
    await expectAppError(
      acceptInvitation(t.db, { token: tokenOf(invited.path), password: PASSWORD }, client, at(1000)),
      "EMAIL_TAKEN",
    );
    // Rolled back: the invitation is still pending.
    expect((await t.db.invitation.findUniqueOrThrow({ where: { id: invited.id } })).acceptedAt).toBeNull();
  });
});

describe("disabling operators", () => {
  test("disabling revokes every open session at once; sign-in is refused until re-enabled", async () => {
    const email = "operator@demo.example.com";
    const operator = await t.db.user.findUniqueOrThrow({ where: { email } });
    const s1 = await signIn(t.db, { email, password: "Customer!2026" }, client, T0);
    const s2 = await signIn(t.db, { email, password: "Customer!2026" }, client, at(1000));

    await disableOperator(t.db, admin, operator.id, at(2000));
    expect((await t.db.user.findUniqueOrThrow({ where: { id: operator.id } })).disabled).toBe(true);
    const sessions = await t.db.userSession.findMany({ where: { id: { in: [s1.sessionId, s2.sessionId] } } });
    expect(sessions.map((s) => s.revokedAt)).toEqual([at(2000), at(2000)]);
    expect(await resolveSession(t.db, s1.sessionId, at(3000))).toBeNull();
    await expectAppError(signIn(t.db, { email, password: "Customer!2026" }, client, at(3000)), "ACCOUNT_DISABLED");

    const members = await listMembers(t.db, admin.enterpriseId);
    expect(members.find((m) => m.id === operator.id)?.disabled).toBe(true);
    expect(members.every((m) => m.email.endsWith("@demo.example.com") || m.email.endsWith("@example.com"))).toBe(true);

    await enableOperator(t.db, admin, operator.id, at(4000));
    expect((await signIn(t.db, { email, password: "Customer!2026" }, client, at(5000))).email).toBe(email);

    const audit = await t.db.auditLog.findMany({
      where: { entityType: "User", entityId: operator.id, action: { startsWith: "team.user." } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["team.user.disabled", "team.user.enabled"]);
    expect(audit[0]).toMatchObject({
      actorId: admin.userId,
      enterpriseId: admin.enterpriseId,
      detail: { email, sessionsRevoked: 2 },
    });
  });

  test("an admin cannot disable another enterprise's user, an admin, or themself", async () => {
    const operator = await t.db.user.findUniqueOrThrow({ where: { email: "operator@demo.example.com" } });
    await expectAppError(disableOperator(t.db, otherAdmin, operator.id, T0), "NOT_FOUND");
    await expectAppError(enableOperator(t.db, otherAdmin, operator.id, T0), "NOT_FOUND");
    await expectAppError(disableOperator(t.db, otherAdmin, admin.userId, T0), "NOT_FOUND");
    await expectAppError(disableOperator(t.db, admin, admin.userId, T0), "OPERATORS_ONLY");
    const secondAdmin = await t.db.user.create({
      data: {
        email: "admin2@demo.example.com",
        name: "第二管理员",
        role: "CUSTOMER_ADMIN",
        enterpriseId: admin.enterpriseId,
        passwordHash: "x",
      },
    });
    await expectAppError(disableOperator(t.db, admin, secondAdmin.id, T0), "OPERATORS_ONLY");
    const staff = await t.db.user.findUniqueOrThrow({ where: { email: "sales@bureau.example.com" } });
    await expectAppError(disableOperator(t.db, admin, staff.id, T0), "NOT_FOUND");
    expect(await t.db.user.count({ where: { disabled: true } })).toBe(0);
  });
});

describe("through the router: roles and tenancy", () => {
  const callerAs = (email: string | null) => callerFor(t.db, email, { now: T0 });

  test("operators see their own team read-only; staff and strangers see nothing", async () => {
    const operator = await callerAs("operator@demo.example.com");
    const members = await operator.team.members();
    expect(members.map((m) => m.email)).toContain("admin@demo.example.com");
    expect(members.map((m) => m.email)).not.toContain("admin@other.example.com");
    expect(await trpcCode(operator.team.invitations())).toBe("FORBIDDEN");
    expect(await trpcCode(operator.team.invite({ name: "x", email: "x@example.com" }))).toBe("FORBIDDEN");
    expect(await trpcCode(operator.team.disable({ userId: admin.userId }))).toBe("FORBIDDEN");
    expect(await trpcCode((await callerAs("admin@bureau.example.com")).team.members())).toBe("FORBIDDEN");
    expect(await trpcCode((await callerAs(null)).team.members())).toBe("UNAUTHORIZED");
  });

  test("the invitee looks up and accepts by token without signing in", async () => {
    const invited = await (
      await callerAs("admin@demo.example.com")
    ).team.invite({ name: "路由", email: "Router.Invitee@Example.com" });
    const anonymous = await callerAs(null);
    const token = tokenOf(invited.path);
    expect((await anonymous.team.invitation.lookup({ token })).email).toBe("router.invitee@example.com");
    expect(await trpcCode(anonymous.team.invitation.lookup({ token: "not-a-token" }))).toBe("BAD_REQUEST");
    await anonymous.team.invitation.accept({ token, password: PASSWORD });
    expect(await trpcCode(anonymous.team.invitation.accept({ token, password: PASSWORD }))).toBe("PRECONDITION_FAILED");
  });
});
