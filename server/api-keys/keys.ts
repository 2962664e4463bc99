// API keys of the HTTP API v1 (乙方 1: shown once, stored hashed). A key is `qxt_live_` and 32 random
// bytes in base64url; only its SHA-256 and its first characters (to recognise it in lists) are kept,
// so a lost key cannot be recovered, only revoked and replaced.
import { createHash, randomBytes } from "node:crypto";
import { type EnterpriseActor, recordAudit } from "../audit/log";
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";

export const API_KEY_PREFIX = "qxt_live_";
/** Characters of the key kept in clear to recognise it: `qxt_live_` and three more. */
export const API_KEY_PREFIX_LENGTH = 12;
/** Last use is written at most this often per key, so busy clients do not write on every call. */
export const LAST_USED_RESOLUTION_MS = 60_000;
/** No real key is longer; anything longer is refused before it is hashed. */
export const MAX_API_KEY_LENGTH = 200;

export function hashApiKey(rawKey: string): string {
  return createHash("sha256").update(rawKey, "utf8").digest("hex");
}

export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** Creates a key for the admin's enterprise; the only time the key exists in clear is the return value. */
export async function createApiKey(db: Db, actor: EnterpriseActor, input: { name: string }, now: Date) {
  const key = generateApiKey();
  const name = input.name.trim();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        enterpriseId: actor.enterpriseId,
        name,
        prefix: key.slice(0, API_KEY_PREFIX_LENGTH),
        hash: hashApiKey(key),
        createdById: actor.userId,
        createdAt: now,
      },
    });
    await recordAudit(
      tx,
      actor,
      {
        action: "api.key.created",
        entityType: "ApiKey",
        entityId: created.id,
        enterpriseId: actor.enterpriseId,
        detail: { apiKeyId: created.id, name, prefix: created.prefix },
      },
      now,
    );
    return created;
  });
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt, key };
}

/** The enterprise's keys, newest first: never the key itself. */
export async function listApiKeys(db: DbTx, enterpriseId: string) {
  const rows = await db.apiKey.findMany({ where: { enterpriseId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const creators = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.createdById))] } },
    select: { id: true, name: true },
  });
  const nameOf = new Map(creators.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.createdAt,
    createdBy: nameOf.get(r.createdById) ?? null,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
  }));
}

/** Revokes a key of the admin's own enterprise; the next call with it is refused. Revoking twice is a no-op. */
export async function revokeApiKey(db: Db, actor: EnterpriseActor, apiKeyId: string, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: apiKeyId, enterpriseId: actor.enterpriseId } });
    if (!key) throw new AppError("NOT_FOUND");
    if (key.revokedAt) return;
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: now } });
    await recordAudit(
      tx,
      actor,
      {
        action: "api.key.revoked",
        entityType: "ApiKey",
        entityId: key.id,
        enterpriseId: actor.enterpriseId,
        detail: { apiKeyId: key.id, name: key.name, prefix: key.prefix },
      },
      now,
    );
  });
}

export interface ApiPrincipal {
  apiKeyId: string;
  prefix: string;
  enterpriseId: string;
  /** The customer admin who created the key: the person answerable for what it sends. */
  createdById: string;
}

/**
 * The key's principal, or null for an unknown or revoked key. Records the use, at most once per
 * LAST_USED_RESOLUTION_MS (a conditional update, so concurrent calls write at most once).
 */
export async function authenticateApiKey(db: DbTx, rawKey: string, now: Date): Promise<ApiPrincipal | null> {
  if (rawKey.length === 0 || rawKey.length > MAX_API_KEY_LENGTH) return null;
  const key = await db.apiKey.findUnique({ where: { hash: hashApiKey(rawKey) } });
  if (!key || key.revokedAt) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiKey.updateMany({
      where: {
        id: key.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }],
      },
      data: { lastUsedAt: now },
    });
  }
  return { apiKeyId: key.id, prefix: key.prefix, enterpriseId: key.enterpriseId, createdById: key.createdById };
}

export const DEMO_API_KEY_NAME = "演示密钥 (SEED_DEMO_API_KEY)";

/**
 * Registers a key chosen outside (the SEED_DEMO_API_KEY of `npm run db:seed`) for an enterprise, in
 * the name of its first customer admin. Idempotent: the same key again changes nothing, and a key
 * revoked in the portal stays revoked.
 */
export async function registerDemoApiKey(
  db: DbTx,
  enterpriseId: string,
  rawKey: string,
): Promise<{ id: string; prefix: string; created: boolean }> {
  const key = rawKey.trim();
  if (key.length < 20 || key.length > MAX_API_KEY_LENGTH)
    throw new AppError("INVALID_REQUEST", { detail: "SEED_DEMO_API_KEY must be 20 to 200 characters" });
  const hash = hashApiKey(key);
  const existing = await db.apiKey.findUnique({ where: { hash } });
  if (existing) {
    if (existing.enterpriseId !== enterpriseId)
      throw new AppError("CONFLICT", { detail: "SEED_DEMO_API_KEY belongs to another enterprise" });
    return { id: existing.id, prefix: existing.prefix, created: false };
  }
  const admin = await db.user.findFirst({
    where: { enterpriseId, role: "CUSTOMER_ADMIN" },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  if (!admin) throw new AppError("NOT_FOUND");
  const created = await db.apiKey.create({
    data: {
      enterpriseId,
      name: DEMO_API_KEY_NAME,
      prefix: key.slice(0, API_KEY_PREFIX_LENGTH),
      hash,
      createdById: admin.id,
    },
  });
  return { id: created.id, prefix: created.prefix, created: true };
}
