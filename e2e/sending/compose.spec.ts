import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { signInOverHttp } from "../fixtures/auth";
import { ensureApprovedSignature } from "../fixtures/sending";

const ADMIN = { email: "admin@demo.example.com", password: "Customer!2026" };
const DEMO = "示例科技有限公司";

const ensureSignature = () => ensureApprovedSignature(DEMO, ADMIN.email);

test("the demo customer composes to 全体员工, watches the job reach 100% with receipts from the simulator, finds a message by number and exports the job", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await ensureSignature();
  await signInOverHttp(page, ADMIN.email, ADMIN.password);

  await page.goto("/portal/send");
  await expect(page.getByTestId("compose-signature")).toHaveText("【示例科技】");
  const content = `本周五下午三点在三楼会议室召开全体会议，请准时参加。${Date.now().toString(36)}`;
  await page.getByTestId("compose-content").fill(content);
  // The live counter counts the signature too: one UCS-2 segment holds 70 characters.
  await expect(page.getByTestId("compose-counter")).toContainText(`${[...`【示例科技】${content}`].length} 字`);
  await expect(page.getByTestId("compose-counter")).toContainText("计 1 条");
  await page.getByLabel("全体员工").check();
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.getByTestId("compose-preview")).toContainText("收件人共 10 个");
  await expect(page.getByTestId("preview-accepted")).toHaveText("将发送 10 个");
  await page.getByTestId("compose-send").click();
  await expect(page.getByTestId("compose-sent")).toContainText("任务已受理：10 个收件人，跳过 0 个");
  await page.getByTestId("compose-job-link").click();

  await expect(page).toHaveURL(/\/portal\/jobs\/[a-z0-9]+$/);
  const jobUrl = page.url();
  // The page polls until every message has its receipt from the simulator.
  await expect(page.getByTestId("job-progress")).toHaveAttribute("data-percent", "100", { timeout: 90_000 });
  await expect(page.getByTestId("job-status")).toHaveText("已完成");
  // The simulator's default mix delivers about 90%: every message has a final state from a receipt.
  const counts = await page
    .getByTestId("job-counts")
    .locator("li")
    .evaluateAll((items) =>
      items.map((li) => [li.getAttribute("data-testid"), Number(li.getAttribute("data-count"))] as const),
    );
  const finals = ["count-DELIVERED", "count-UNDELIVERED", "count-EXPIRED", "count-REJECTED"];
  expect(counts.every(([id]) => finals.includes(id ?? ""))).toBe(true);
  expect(counts.reduce((sum, [, n]) => sum + n, 0)).toBe(10);
  await expect(page.getByTestId("message-status-13800138000")).toHaveText(/成功|失败|过期|被拒/);

  // Message search by number finds it, with its final state.
  await page.goto("/portal/messages");
  await page.getByTestId("search-mobile").fill("13800138000");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByTestId("message-table")).toContainText("13800138000");
  await expect(page.getByTestId("message-table")).toContainText(content);

  // The job's messages as CSV: ten rows, each in a final state.
  const jobId = jobUrl.split("/").pop() ?? "";
  const csv = await page.request.get(`/api/jobs/${jobId}/export?format=csv`);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines).toHaveLength(11);
  expect(lines.slice(1).every((line) => /,(DELIVERED|UNDELIVERED|EXPIRED|REJECTED),/.test(line))).toBe(true);
  const xlsx = await page.request.get(`/api/jobs/${jobId}/export?format=xlsx`);
  expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
});

test("a scheduled send needs a time, waits as 定时中 and can be cancelled before it starts; nothing is sent", async ({
  page,
}) => {
  await ensureSignature();
  await signInOverHttp(page, ADMIN.email, ADMIN.password);
  await page.goto("/portal/send");
  await page.getByTestId("compose-content").fill(`明早九点停电检修，请提前保存工作。${Date.now().toString(36)}`);
  await page.getByLabel("全体员工").check();
  await page.getByLabel("定时发送", { exact: true }).check();
  // No time chosen: nothing can be previewed or sent, so it can never go out "now" by mistake.
  await expect(page.getByTestId("compose-schedule-missing")).toHaveText("请选择定时发送的时间");
  await expect(page.getByRole("button", { name: "预览" })).toBeDisabled();

  // Tomorrow 09:00 China time, typed as the datetime-local value the browser submits.
  const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("发送时间（中国时间）").fill(`${tomorrow}T09:00`);
  await expect(page.getByTestId("compose-schedule-missing")).toHaveCount(0);
  await page.getByRole("button", { name: "预览" }).click();
  await expect(page.getByTestId("preview-accepted")).toHaveText("将发送 10 个");
  await page.getByTestId("compose-send").click();
  await page.getByTestId("compose-job-link").click();
  await expect(page.getByTestId("job-status")).toHaveText("定时中");

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByTestId("cancel-job").click();
  await expect(page.getByTestId("job-status")).toHaveText("已取消");
  await expect(page.getByTestId("cancel-job")).toHaveCount(0);
});

test("the customer admin creates an API key (shown once) and sends over the HTTP API; the key's last use is shown", async ({
  page,
}) => {
  await ensureSignature();
  await signInOverHttp(page, ADMIN.email, ADMIN.password);
  await page.goto("/portal/api");
  await page.getByLabel("密钥名称").fill("e2e 订单系统");
  await page.getByRole("button", { name: "创建密钥" }).click();
  const key = await page.getByTestId("new-api-key").inputValue();
  expect(key).toMatch(/^qxt_live_/);

  const unauthorized = await page.request.post("/api/v1/messages", {
    data: { to: ["13800138001"], content: "x", purpose: "NOTICE" },
  });
  expect(unauthorized.status()).toBe(401);
  expect(((await unauthorized.json()) as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");

  const sent = await page.request.post("/api/v1/messages", {
    headers: { Authorization: `Bearer ${key}`, "Idempotency-Key": `e2e-${Date.now()}` },
    data: {
      to: ["13800138001", "13912345678"],
      content: "您的验证码是 123456，5 分钟内有效。",
      purpose: "VERIFICATION",
    },
  });
  expect(sent.status()).toBe(202);
  const body = (await sent.json()) as { jobId: string; recipients: { to: string; status: string }[] };
  expect(body.recipients).toEqual([
    expect.objectContaining({ to: "13800138001", status: "ACCEPTED" }),
    expect.objectContaining({ to: "13912345678", status: "NOT_ALLOWED" }),
  ]);
  const job = await page.request.get(`/api/v1/jobs/${body.jobId}`, {
    headers: { Authorization: `Bearer ${key}`, "Accept-Language": "en" },
  });
  expect(job.status()).toBe(200);

  await page.reload();
  await expect(page.getByTestId("api-key-table")).toContainText("e2e 订单系统");
  await expect(page.getByTestId(`key-last-used-${key.slice(0, 12)}`)).not.toHaveText("从未使用");

  const unknown = await page.request.get("/api/v1/nothing-here", { headers: { Authorization: `Bearer ${key}` } });
  expect(unknown.status()).toBe(404);
  expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");

  const openapi = await page.request.get("/api/v1/openapi.json");
  expect(((await openapi.json()) as { openapi: string }).openapi).toBe("3.1.0");
  await page.goto("/portal/api/docs");
  await expect(page.getByRole("heading", { name: "接口文档" })).toBeVisible();
});

test("delivery receipts reach the customer's webhook, signed with the secret shown once", async ({ page }) => {
  test.setTimeout(150_000);
  await ensureSignature();
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await signInOverHttp(page, ADMIN.email, ADMIN.password);
    await page.goto("/portal/api");
    await page.getByLabel("回调地址").fill(`http://127.0.0.1:${(server.address() as AddressInfo).port}/receipts`);
    await page.getByRole("button", { name: "保存地址" }).click();
    const secret = await page.getByTestId("webhook-secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    // The test ping tells only whether the URL answered, and its status code.
    await page.getByRole("button", { name: "发送测试请求" }).click();
    await expect(page.getByTestId("webhook-ping")).toHaveText("回调地址可以访问，对方回应 HTTP 200");
    expect(received.map((r) => (JSON.parse(r.body) as { type?: string }).type)).toEqual(["ping"]);
    received.length = 0;
    await page.getByLabel("密钥名称").fill("e2e webhook");
    await page.getByRole("button", { name: "创建密钥" }).click();
    const key = await page.getByTestId("new-api-key").inputValue();

    const sent = await page.request.post("/api/v1/messages", {
      headers: { Authorization: `Bearer ${key}` },
      data: {
        to: ["13800138002"],
        content: "系统维护通知：今晚 22:00 至 23:00 暂停服务。",
        purpose: "NOTICE",
        clientRef: "wh-1",
      },
    });
    expect(sent.status()).toBe(202);
    const { recipients } = (await sent.json()) as { recipients: { messageId: string }[] };
    const messageId = recipients[0]?.messageId;

    // The deliverer runs every minute.
    await expect
      .poll(
        () =>
          received.filter(
            (r) => r.body.includes(`"messageId": "${messageId}"`) || r.body.includes(`"messageId":"${messageId}"`),
          ).length,
        { timeout: 100_000, intervals: [2_000] },
      )
      .toBe(1);
    const hook = received.find((r) => r.body.includes(String(messageId)));
    const payload = JSON.parse(hook?.body ?? "{}") as {
      messageId: string;
      clientRef: string;
      to: string;
      status: string;
    };
    expect(payload).toMatchObject({ messageId, clientRef: "wh-1", to: "13800138002" });
    expect(["DELIVERED", "UNDELIVERED", "EXPIRED", "REJECTED"]).toContain(payload.status);
    const [t, v1] = String(hook?.headers["x-qxt-signature"])
      .split(",")
      .map((part) => part.split("=")[1]);
    expect(v1).toBe(createHmac("sha256", secret).update(`${t}.${hook?.body}`).digest("hex"));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
