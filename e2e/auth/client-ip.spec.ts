// The address a session and the audit log record is the socket's peer: a client's X-Forwarded-For
// is not believed (TRUSTED_PROXIES is unset for the e2e server).
import { expect, test } from "@playwright/test";
import { createUser, e2eDb } from "../fixtures/db";

test("signing in with a forged X-Forwarded-For records the socket's address in the session and the audit log", async ({
  page,
}) => {
  const email = "client-ip.e2e@demo.example.com";
  const password = "Correct!Horse2026";
  await createUser({ email, password, role: "CUSTOMER_OPERATOR", enterpriseName: "示例科技有限公司" });
  const forged = { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.7", "x-qxt-peer-addr": "6.6.6.8" };

  const csrf = await page.request.get("/api/auth/csrf", { headers: forged });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    headers: forged,
  });
  expect(response.ok()).toBeTruthy();

  const { rows: sessions } = await e2eDb().query<{ id: string; ip: string | null }>(
    `SELECT s.id, s.ip FROM "UserSession" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1 ORDER BY s."createdAt" DESC LIMIT 1`,
    [email],
  );
  expect(sessions[0]?.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  const { rows: audit } = await e2eDb().query<{ ip: string | null }>(
    `SELECT ip FROM "AuditLog" WHERE action = 'auth.signIn' AND "entityId" = $1`,
    [sessions[0]!.id],
  );
  expect(audit).toHaveLength(1);
  expect(audit[0]!.ip).toBe(sessions[0]!.ip);
});
