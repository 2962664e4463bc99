// Idempotency-Key of POST /api/v1/messages. A key is remembered per enterprise for 24 hours with the
// hash of the request body and, once the request is done, the response it got:
//   - same key, same body → the first response again (no second job);
//   - same key, other body → IDEMPOTENCY_CONFLICT;
//   - same key while the first request is still running → wait for it, then answer as above.
// The first request claims the key by inserting a pending row (status 0) under the primary key
// (enterpriseId, key): of concurrent duplicates exactly one insert wins, the others wait for its
// result. Only accepted requests are remembered: a refused request created nothing, so its key is
// released and the client may retry it (for example after the contract is active again).
import { createHash } from "node:crypto";
import type { DbTx } from "../db";
import type { Prisma } from "../generated/prisma/client";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 100;
/** A pending claim this old is taken to belong to a request that died (process restart) and may be taken over. */
export const STALE_CLAIM_MS = 2 * 60 * 1000;
const PENDING = 0;

/** Printable ASCII only: the key travels in a header and is shown back in logs. */
export function isValidIdempotencyKey(key: string): boolean {
  return key.length >= 1 && key.length <= MAX_IDEMPOTENCY_KEY_LENGTH && /^[\x21-\x7e]+$/.test(key);
}

/** JSON with object keys sorted at every level, so key order and whitespace do not change the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function requestHash(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body), "utf8").digest("hex");
}

export type IdempotencyClaim =
  | { kind: "claimed" }
  | { kind: "replay"; status: number; body: unknown }
  | { kind: "conflict" }
  | { kind: "in-progress" };

async function tryClaim(db: DbTx, enterpriseId: string, key: string, hash: string, now: Date): Promise<boolean> {
  // Expired records and abandoned claims give the key back.
  await db.idempotencyRecord.deleteMany({
    where: {
      enterpriseId,
      key,
      OR: [
        { createdAt: { lte: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } },
        { status: PENDING, createdAt: { lte: new Date(now.getTime() - STALE_CLAIM_MS) } },
      ],
    },
  });
  const { count } = await db.idempotencyRecord.createMany({
    data: [{ enterpriseId, key, requestHash: hash, status: PENDING, body: {}, createdAt: now }],
    skipDuplicates: true,
  });
  return count === 1;
}

/**
 * Claims `key` for a request whose body hashes to `hash`, or says what to answer instead. A request
 * that finds the key pending with the same body polls until the first finishes (up to `waitMs`).
 */
export async function claimIdempotencyKey(
  db: DbTx,
  enterpriseId: string,
  key: string,
  hash: string,
  now: Date,
  options: { waitMs?: number; pollMs?: number } = {},
): Promise<IdempotencyClaim> {
  const waitMs = options.waitMs ?? 30_000;
  const pollMs = options.pollMs ?? 100;
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (await tryClaim(db, enterpriseId, key, hash, now)) return { kind: "claimed" };
    const record = await db.idempotencyRecord.findUnique({ where: { enterpriseId_key: { enterpriseId, key } } });
    // Released between our insert and this read: try again.
    if (!record) continue;
    if (record.requestHash !== hash) return { kind: "conflict" };
    if (record.status !== PENDING) return { kind: "replay", status: record.status, body: record.body };
    if (Date.now() >= deadline) return { kind: "in-progress" };
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Stores the response of the claimed request, to be replayed for 24 hours. */
export async function completeIdempotencyKey(
  db: DbTx,
  enterpriseId: string,
  key: string,
  status: number,
  body: Prisma.InputJsonValue,
): Promise<void> {
  await db.idempotencyRecord.updateMany({ where: { enterpriseId, key, status: PENDING }, data: { status, body } });
}

/** Gives the key back after a request that created nothing (refused or failed). */
export async function releaseIdempotencyKey(db: DbTx, enterpriseId: string, key: string): Promise<void> {
  await db.idempotencyRecord.deleteMany({ where: { enterpriseId, key, status: PENDING } });
}

/** Housekeeping: deletes records older than 24 hours (they no longer protect anything). */
export async function pruneIdempotencyRecords(db: DbTx, now: Date): Promise<{ idempotencyRecordsDeleted: number }> {
  const { count } = await db.idempotencyRecord.deleteMany({
    where: { createdAt: { lte: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } },
  });
  return { idempotencyRecordsDeleted: count };
}
