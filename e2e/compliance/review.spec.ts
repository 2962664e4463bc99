import { expect, test } from "@playwright/test";
import { signInOverHttp } from "../fixtures/auth";
import { e2eDb, enterpriseIdByName } from "../fixtures/db";

const CUSTOMER = { email: "admin@demo.example.com", password: "Customer!2026" };
// The signature journey runs as the second enterprise: the demo enterprise keeps 【示例科技】, which
// the compose specs rely on.
const OTHER = { email: "admin@other.example.com", password: "Customer!2026" };
const COMPLIANCE = { email: "compliance@bureau.example.com", password: "Bureau!2026" };
// A minimal PDF: the letter is checked by its bytes (%PDF-), not by its name.
const LETTER = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

test("a signature application is approved by COMPLIANCE and the customer sees it in force", async ({
  page,
  browser,
}) => {
  const suffix = Date.now().toString(36).slice(-4).toUpperCase();
  const signature = `示例云${suffix}`;

  await signInOverHttp(page, OTHER.email, OTHER.password);
  await page.goto("/portal/compliance");
  await page.getByLabel("签名（2–12 个汉字、字母或数字，可带【】）").fill(`【${signature}】`);
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByTestId(`signature-status-${signature}`)).toHaveText("待审核");

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signInOverHttp(reviewer, COMPLIANCE.email, COMPLIANCE.password);
  await reviewer.goto("/bureau/compliance/signatures");
  await expect(reviewer.getByTestId(`queued-signature-${signature}`)).toHaveText(`【${signature}】`);
  await reviewer.getByTestId(`signature-decision-${signature}`).getByRole("button", { name: "批准" }).click();
  await expect(reviewer.getByTestId(`queued-signature-${signature}`)).toHaveCount(0);
  await reviewer.goto("/bureau/compliance/signatures?status=APPROVED");
  await expect(reviewer.getByTestId(`queued-signature-${signature}`)).toBeVisible();
  await reviewerContext.close();

  await page.reload();
  await expect(page.getByTestId("current-signature")).toHaveText(`【${signature}】`);
  await expect(page.getByTestId(`signature-status-${signature}`)).toHaveText("已批准");
});

test("COMPLIANCE adds a lexicon term and approves a consent application the customer uploaded", async ({
  page,
  browser,
}) => {
  const suffix = Date.now().toString(36);
  const term = `违禁词${suffix}`;
  const reason = `年会通知外部嘉宾 ${suffix}`;

  // The lexicon: a BLOCK term, listed and matched through spaces and full-width letters.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signInOverHttp(reviewer, COMPLIANCE.email, COMPLIANCE.password);
  await reviewer.goto("/bureau/compliance/lexicon");
  const addTerm = reviewer.getByTestId("add-term");
  await addTerm.getByLabel("词条").fill(term);
  await addTerm.getByLabel("处理方式").selectOption("BLOCK");
  await addTerm.getByLabel("备注").fill("e2e");
  await addTerm.getByRole("button", { name: "添加词条" }).click();
  await expect(addTerm.getByRole("status")).toHaveText("已添加");
  await expect(reviewer.getByTestId(`term-${term}`)).toBeVisible();
  const spaced = [...term]
    .join(" ")
    .toUpperCase()
    .replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  await reviewer.getByLabel("输入短信内容，查看审核结果").fill(`您好，${spaced}，谢谢`);
  await reviewer.getByRole("button", { name: "检测" }).click();
  await expect(reviewer.getByTestId("screen-result")).toHaveText(`拦截 · 命中：${term}`);

  // The customer admin applies: a reason, two numbers (one typed with +86), the signed letter.
  await signInOverHttp(page, CUSTOMER.email, CUSTOMER.password);
  await page.goto("/portal/compliance/consents");
  await page.getByLabel("申请理由").fill(reason);
  await page.getByLabel("号码（每行一个）").fill("13912340001\n+86 139-1234-0002");
  await page
    .getByLabel("盖章的书面同意函（PDF、PNG 或 JPEG，最大 5 MB）")
    .setInputFiles({ name: "同意函.pdf", mimeType: "application/pdf", buffer: LETTER });
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page.getByTestId("consent-message")).toHaveText("已提交申请（2 个号码），等待合规审核");
  const row = page.getByTestId("consent-table").getByRole("row").filter({ hasText: reason });
  await expect(row).toContainText("待审核");

  // COMPLIANCE opens it, reads the letter, and approves every number until a date.
  await reviewer.goto("/bureau/compliance/consents");
  await reviewer
    .getByTestId("consent-queue")
    .getByRole("row")
    .filter({ hasText: reason })
    .getByRole("link", { name: "示例科技有限公司" })
    .click();
  await expect(reviewer.getByTestId("requested-numbers")).toContainText("13912340002");
  const letterHref = await reviewer.getByTestId("consent-letter").getAttribute("href");
  const letter = await reviewer.request.get(letterHref ?? "");
  expect(letter.status()).toBe(200);
  expect(letter.headers()["content-type"]).toBe("application/pdf");
  expect(Buffer.from(await letter.body()).equals(LETTER)).toBe(true);
  const approve = reviewer.getByTestId("approve-consent");
  await approve.getByLabel("有效期截止日").fill("2099-12-31");
  await approve.getByRole("button", { name: "批准" }).click();
  await expect(reviewer.getByTestId("consent-status")).toHaveText("已批准");
  await expect(reviewer.getByTestId("consent-valid-until")).toHaveText("2099-12-31 24:00");
  await expect(reviewer.getByTestId("approved-numbers")).toContainText("13912340001");
  await reviewerContext.close();

  // The customer sees the decision.
  await page.reload();
  const decided = page.getByTestId("consent-table").getByRole("row").filter({ hasText: reason });
  await expect(decided).toContainText("已批准");
  await expect(decided).toContainText("2099-12-31 24:00");
});

/** A job as sending holds it after a REVIEW term matched: HELD_FOR_REVIEW, two PENDING messages, quota reserved. */
async function heldJob(content: string, term: string): Promise<string> {
  const db = e2eDb();
  const enterpriseId = await enterpriseIdByName("示例科技有限公司");
  const { rows } = await db.query<{ id: string; day: string }>(
    `INSERT INTO "SendJob" (id, "enterpriseId", source, purpose, content, signature, "fullText", encoding, "segmentsPerMessage", status,
       "recipientCount", "acceptedCount", "skippedCount", "reservedSegments", "quotaDay", "heldTerms")
     VALUES (gen_random_uuid()::text, $1, 'PORTAL', 'NOTICE', $2, '示例科技', '【示例科技】' || $2, 'ucs2', 1, 'HELD_FOR_REVIEW',
       2, 2, 0, 2, (now() AT TIME ZONE 'Asia/Shanghai')::date, ARRAY[$3])
     RETURNING id, "quotaDay"::text AS day`,
    [enterpriseId, content, term],
  );
  const job = rows[0];
  if (!job) throw new Error("no job");
  await db.query(
    `INSERT INTO "Message" ("jobId", "enterpriseId", mobile, status, segments) VALUES ($1, $2, '13800138000', 'PENDING', 1), ($1, $2, '13800138001', 'PENDING', 1)`,
    [job.id, enterpriseId],
  );
  await db.query(
    `INSERT INTO "DailyUsage" ("enterpriseId", day, "reservedSegments") VALUES ($1, $2::date, 2)
     ON CONFLICT ("enterpriseId", day) DO UPDATE SET "reservedSegments" = "DailyUsage"."reservedSegments" + 2`,
    [enterpriseId, job.day],
  );
  return job.id;
}

test("COMPLIANCE rejects a held job with a reason: nothing is sent, the customer sees the reason, the violation is recorded", async ({
  page,
  browser,
}) => {
  const suffix = Date.now().toString(36);
  const jobId = await heldJob(`周末返利活动 ${suffix}`, "返利");
  const reason = `含营销内容，不符合协议用途 ${suffix}`;

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signInOverHttp(reviewer, COMPLIANCE.email, COMPLIANCE.password);
  await reviewer.goto("/bureau/compliance/review");
  await expect(reviewer.getByTestId(`held-content-${jobId}`)).toHaveText(`【示例科技】周末返利活动 ${suffix}`);
  const decision = reviewer.getByTestId(`review-decision-${jobId}`);
  await decision.getByLabel("驳回理由（客户可见）").fill(reason);
  await decision.getByRole("button", { name: "驳回" }).click();
  await expect(reviewer.getByTestId(`held-content-${jobId}`)).toHaveCount(0);
  await reviewer.goto("/bureau/compliance/violations");
  await expect(reviewer.getByTestId("violation-table")).toContainText(`${reason}（返利）`);
  await expect(reviewer.getByTestId("violations-per-enterprise")).toContainText("示例科技有限公司");
  await reviewerContext.close();

  const { rows } = await e2eDb().query<{ status: string; n: number }>(
    `SELECT status::text, count(*)::int AS n FROM "Message" WHERE "jobId" = $1 GROUP BY status`,
    [jobId],
  );
  expect(rows).toEqual([{ status: "REJECTED", n: 2 }]);

  await signInOverHttp(page, CUSTOMER.email, CUSTOMER.password);
  await page.goto(`/portal/jobs/${jobId}`);
  await expect(page.getByTestId("job-rejected")).toContainText(reason);
});
