// API keys: shown once, stored hashed, last use recorded, revoked, scoped to one enterprise.
import type { EnterpriseActor } from "../audit/log";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import type { AppError } from "../errors";
import { actorFor } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { authenticateApiKey, createApiKey, hashApiKey, listApiKeys, registerDemoApiKey, revokeApiKey } from "./keys";

let t: TestDatabase;
let admin: EnterpriseActor;
let other: EnterpriseActor;
const T0 = new Date("2026-11-25T02:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  admin = await actorFor(t.db, "admin@demo.example.com");
  other = await actorFor(t.db, "admin@other.example.com");
}, 60_000);
afterAll(async () => {
  await t.drop();
});

describe("API keys", () => {
  test("shown once, stored as its SHA-256 only; last use recorded; revoked keys stop working; tenancy", async () => {
    const created = await createApiKey(t.db, admin, { name: " 订单系统 " }, T0);
    expect(created.key).toMatch(/^qxt_live_[A-Za-z0-9_-]{43}$/);
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ name: "订单系统", hash: hashApiKey(created.key), prefix: created.key.slice(0, 12) });
    expect(JSON.stringify(await listApiKeys(t.db, admin.enterpriseId))).not.toContain(created.key);

    const principal = await authenticateApiKey(t.db, created.key, T0);
    expect(principal).toMatchObject({
      apiKeyId: created.id,
      enterpriseId: admin.enterpriseId,
      createdById: admin.userId,
    });
    expect((await t.db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toEqual(T0);

    const revokeByOther = await revokeApiKey(t.db, other, created.id, T0).then(
      () => null,
      (e: unknown) => e,
    );
    expect((revokeByOther as AppError).code).toBe("NOT_FOUND");
    await revokeApiKey(t.db, admin, created.id, T0);
    expect(await authenticateApiKey(t.db, created.key, T0)).toBeNull();
    const listed = await listApiKeys(t.db, admin.enterpriseId);
    expect(listed.find((k) => k.id === created.id)?.revokedAt).toEqual(T0);
    expect(
      await t.db.auditLog.count({
        where: { action: { in: ["api.key.created", "api.key.revoked"] }, enterpriseId: admin.enterpriseId },
      }),
    ).toBe(2);
  });

  test("SEED_DEMO_API_KEY registration is idempotent and refuses a key of another enterprise", async () => {
    const raw = "qxt_demo_key_for_tests_000000000000";
    const first = await registerDemoApiKey(t.db, admin.enterpriseId, raw);
    const again = await registerDemoApiKey(t.db, admin.enterpriseId, raw);
    expect(first.created).toBe(true);
    expect(again).toEqual({ ...first, created: false });
    expect(await t.db.apiKey.count({ where: { hash: hashApiKey(raw) } })).toBe(1);
    expect((await authenticateApiKey(t.db, raw, T0))?.enterpriseId).toBe(admin.enterpriseId);
    const clash = await registerDemoApiKey(t.db, other.enterpriseId, raw).then(
      () => null,
      (e: unknown) => e,
    );
    expect((clash as AppError).code).toBe("CONFLICT");
  });
});
