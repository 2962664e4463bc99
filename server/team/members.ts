// The customer admin's team: invitations of operators, and disabling / re-enabling them (乙方 1).
// An invitation link carries a random token; only its SHA-256 hash is stored, so the link is shown
// once to the admin and cannot be recovered from the database.
import { createHash, randomBytes } from "node:crypto";
import { type EnterpriseActor, type Actor, recordAudit } from "../audit/log";
import { assertPasswordPolicy, hashPassword } from "../auth/password";
import { normalizeEmail } from "../auth/accounts";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const INVITE_PATH = "/invite/";

export type InvitationStatus = "PENDING" | "ACCEPTED" | "REVOKED" | "EXPIRED";

/** The customer admin acting for their own enterprise. */

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function invitationStatus(
  inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationStatus {
  if (inv.acceptedAt) return "ACCEPTED";
  if (inv.revokedAt) return "REVOKED";
  return inv.expiresAt <= now ? "EXPIRED" : "PENDING";
}

const STATUS_ERRORS = {
  ACCEPTED: "INVITATION_USED",
  REVOKED: "INVITATION_REVOKED",
  EXPIRED: "INVITATION_EXPIRED",
} as const;

function assertPending(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): void {
  const status = invitationStatus(inv, now);
  if (status !== "PENDING") throw new AppError(STATUS_ERRORS[status]);
}

const pendingWhere = (now: Date) => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });

/**
 * Invites an operator. The e-mail must belong to no user and to no pending invitation of any
 * enterprise (EMAIL_TAKEN / INVITATION_PENDING). Returns the accept path with the token: the only
 * time it exists in clear.
 */
export async function inviteOperator(
  db: Db,
  actor: EnterpriseActor,
  input: { name: string; email: string },
  now: Date,
) {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  const token = randomBytes(32).toString("base64url");
  const invitation = await db.$transaction(async (tx) => {
    // Serialises invitations of the same address, so two admins cannot both pass the checks below.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`invitation:${email}`}, 0))`;
    if (await tx.user.findUnique({ where: { email }, select: { id: true } }))
      throw new AppError("EMAIL_TAKEN", { email });
    if (await tx.invitation.findFirst({ where: { email, ...pendingWhere(now) }, select: { id: true } })) {
      throw new AppError("INVITATION_PENDING", { email });
    }
    const created = await tx.invitation.create({
      data: {
        enterpriseId: actor.enterpriseId,
        email,
        name,
        role: "CUSTOMER_OPERATOR",
        tokenHash: hashInvitationToken(token),
        invitedById: actor.userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      },
    });
    await recordAudit(
      tx,
      actor,
      {
        action: "team.invitation.created",
        entityType: "Invitation",
        entityId: created.id,
        enterpriseId: actor.enterpriseId,
        detail: { email, name, role: created.role, expiresAt: created.expiresAt.toISOString() },
      },
      now,
    );
    return created;
  });
  return {
    id: invitation.id,
    email: invitation.email,
    name: invitation.name,
    expiresAt: invitation.expiresAt,
    path: `${INVITE_PATH}${token}`,
  };
}

/** The enterprise's invitations, newest first, each with its status at `now`. */
export async function listInvitations(db: DbTx, enterpriseId: string, now: Date) {
  const rows = await db.invitation.findMany({
    where: { enterpriseId },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      createdAt: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
    },
  });
  return rows.map((r) => ({ ...r, status: invitationStatus(r, now) }));
}

export async function revokeInvitation(
  db: DbTx,
  actor: EnterpriseActor,
  invitationId: string,
  now: Date,
): Promise<void> {
  const invitation = await db.invitation.findFirst({ where: { id: invitationId, enterpriseId: actor.enterpriseId } });
  if (!invitation) throw new AppError("NOT_FOUND");
  assertPending(invitation, now);
  const revoked = await db.invitation.updateMany({
    where: { id: invitationId, ...pendingWhere(now) },
    data: { revokedAt: now },
  });
  // Accepted or revoked in the meantime: say which.
  if (revoked.count !== 1) assertPending(await db.invitation.findUniqueOrThrow({ where: { id: invitationId } }), now);
  await recordAudit(
    db,
    actor,
    {
      action: "team.invitation.revoked",
      entityType: "Invitation",
      entityId: invitationId,
      enterpriseId: actor.enterpriseId,
      detail: { email: invitation.email },
    },
    now,
  );
}

/**
 * What the invitee sees before choosing a password. Unknown tokens throw INVITATION_INVALID;
 * used, revoked and expired ones INVITATION_USED / _REVOKED / _EXPIRED.
 */
export async function lookupInvitation(db: DbTx, token: string, now: Date) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { enterprise: { select: { name: true } } },
  });
  if (!invitation) throw new AppError("INVITATION_INVALID");
  assertPending(invitation, now);
  return {
    email: invitation.email,
    name: invitation.name,
    role: invitation.role,
    enterpriseName: invitation.enterprise.name,
    expiresAt: invitation.expiresAt,
  };
}

/**
 * The invitee sets a password: the operator is created and the invitation marked accepted in one
 * transaction, so a token can be used once only. The user then signs in at /login.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; password: string },
  client: { ip?: string | null; userAgent?: string | null },
  now: Date,
) {
  const tokenHash = hashInvitationToken(input.token);
  const invitation = await db.invitation.findUnique({ where: { tokenHash } });
  if (!invitation) throw new AppError("INVITATION_INVALID");
  assertPending(invitation, now);
  assertPasswordPolicy(input.password, invitation.email);
  // Hashing is slow on purpose; do it before holding a transaction open.
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const claimed = await tx.invitation.updateMany({
        where: { id: invitation.id, ...pendingWhere(now) },
        data: { acceptedAt: now },
      });
      if (claimed.count !== 1) throw new AppError("INVITATION_USED");
      const user = await tx.user.create({
        data: {
          email: invitation.email,
          name: invitation.name,
          role: invitation.role,
          enterpriseId: invitation.enterpriseId,
          passwordHash,
          passwordChangedAt: now,
          createdAt: now,
        },
      });
      const actor: Actor = {
        userId: user.id,
        role: user.role,
        ip: client.ip ?? null,
        userAgent: client.userAgent ?? null,
      };
      await recordAudit(
        tx,
        actor,
        {
          action: "team.invitation.accepted",
          entityType: "Invitation",
          entityId: invitation.id,
          enterpriseId: invitation.enterpriseId,
          detail: { email: user.email, userId: user.id },
        },
        now,
      );
      await recordAudit(
        tx,
        actor,
        {
          action: "team.user.created",
          entityType: "User",
          entityId: user.id,
          enterpriseId: invitation.enterpriseId,
          detail: { email: user.email, role: user.role, invitationId: invitation.id },
        },
        now,
      );
      return { email: user.email };
    });
  } catch (error) {
    // The address was registered elsewhere after the invitation was sent.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("EMAIL_TAKEN", { email: invitation.email });
    }
    throw error;
  }
}

/** The enterprise's users for its own team page. */
export async function listMembers(db: DbTx, enterpriseId: string) {
  return db.user.findMany({
    where: { enterpriseId },
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: { id: true, email: true, name: true, role: true, disabled: true, lastLoginAt: true, createdAt: true },
  });
}

/** Only operators of the admin's own enterprise, never the admin themself (OPERATORS_ONLY); others' users are NOT_FOUND. */
async function ownOperator(db: DbTx, actor: EnterpriseActor, userId: string) {
  const user = await db.user.findFirst({ where: { id: userId, enterpriseId: actor.enterpriseId } });
  if (!user) throw new AppError("NOT_FOUND");
  if (user.role !== "CUSTOMER_OPERATOR" || user.id === actor.userId) throw new AppError("OPERATORS_ONLY");
  return user;
}

/** Disables an operator and ends every open session of theirs at once. */
export async function disableOperator(db: Db, actor: EnterpriseActor, userId: string, now: Date): Promise<void> {
  const user = await ownOperator(db, actor, userId);
  if (user.disabled) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { disabled: true } });
    const sessions = await tx.userSession.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: now },
    });
    await recordAudit(
      tx,
      actor,
      {
        action: "team.user.disabled",
        entityType: "User",
        entityId: user.id,
        enterpriseId: actor.enterpriseId,
        detail: { email: user.email, sessionsRevoked: sessions.count },
      },
      now,
    );
  });
}

export async function enableOperator(db: DbTx, actor: EnterpriseActor, userId: string, now: Date): Promise<void> {
  const user = await ownOperator(db, actor, userId);
  if (!user.disabled) return;
  await db.user.update({ where: { id: user.id }, data: { disabled: false } });
  await recordAudit(
    db,
    actor,
    {
      action: "team.user.enabled",
      entityType: "User",
      entityId: user.id,
      enterpriseId: actor.enterpriseId,
      detail: { email: user.email },
    },
    now,
  );
}
