import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { inlineCellBomb, lyingSharedStringsBomb, sharedStringBomb } from "../../server/testing/xlsx-bombs";
import { signInOverHttp } from "../fixtures/auth";
import { e2eDb, enterpriseIdByName } from "../fixtures/db";
import { E2E_BASE_URL } from "../fixtures/env";

const ADMIN = { email: "admin@demo.example.com", password: "Customer!2026" };
const ROWS = 3_000;

test("the demo customer admin imports contacts from XLSX: per-row errors in the preview, progress to 100%, the contacts in the list", async ({
  page,
}) => {
  // Numbers of this run only, so a reused server's book does not interfere.
  const run = Date.now() % 9_000;
  const base = 19_900_000_000 + run * 10_000;
  const group = `导入测试${run}`;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("通讯录");
  sheet.addRow(["姓名", "手机号码", "类型", "分组", "标签", "备注"]);
  for (let i = 0; i < ROWS; i++)
    sheet.addRow([
      `测试联系人${run}-${i}`,
      i % 2 ? `+86 ${base + i}` : base + i,
      i % 2 ? "客户" : "员工",
      "",
      i === 0 ? "VIP" : "",
      "",
    ]);
  sheet.addRow(["号码错误", "12345", "员工", "", "", ""]); // row ROWS + 2
  sheet.addRow(["重复号码", `${base + 7}`, "员工", "", "", ""]); // row ROWS + 3, repeats row 9
  sheet.addRow(["张伟（更新）", "138-0013-8000", "员工", "", "", ""]); // in the demo book already
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

  await signInOverHttp(page, ADMIN.email, ADMIN.password);
  await page.goto("/portal/contacts");
  await expect(page.getByRole("link", { name: "通讯录" }).first()).toBeVisible();
  await page.getByRole("link", { name: "导入", exact: true }).click();
  await expect(page).toHaveURL(/\/portal\/contacts\/import$/);

  await page.getByLabel("文件（CSV 或 XLSX）").setInputFiles({
    name: "通讯录.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer,
  });
  await page.getByLabel("同时加入分组（可选）").fill(group);
  await page.getByRole("button", { name: "上传并预览" }).click();

  // The preview: counters and each problem row, nothing written yet.
  await expect(page).toHaveURL(/\/portal\/contacts\/import\/[^/]+$/);
  await expect(page.getByTestId("import-total")).toHaveText((ROWS + 3).toLocaleString("en-US"));
  await expect(page.getByTestId("import-valid")).toHaveText((ROWS + 1).toLocaleString("en-US"));
  await expect(page.getByTestId("import-invalid")).toHaveText("1");
  await expect(page.getByTestId("import-duplicate")).toHaveText("1");
  await expect(page.getByTestId("import-already")).toHaveText("1");
  await expect(page.getByTestId(`problem-row-${ROWS + 2}`)).toContainText("号码无效");
  await expect(page.getByTestId(`problem-row-${ROWS + 2}`)).toContainText("12345");
  await expect(page.getByTestId(`problem-row-${ROWS + 3}`)).toContainText("与第 9 行号码重复");
  await expect(page.getByTestId(`problem-row-${ROWS + 4}`)).toContainText("已在通讯录中，将更新");
  await expect(page.getByTestId("import-sample")).toContainText(`测试联系人${run}-0`);

  // The run: the progress bar reaches 100%.
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-percent")).toHaveText("100%", { timeout: 30_000 });
  await expect(page.getByTestId("import-progress")).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByText("已完成")).toBeVisible();
  await expect(page.getByTestId("import-created")).toHaveText(ROWS.toLocaleString("en-US"));
  await expect(page.getByTestId("import-updated")).toHaveText("1");
  await expect(page.getByTestId("import-skipped")).toHaveText("2");

  // The contacts are in the list: by name, by number as typed, and by the group they all joined.
  await page.getByRole("link", { name: "查看通讯录" }).click();
  await expect(page).toHaveURL(/\/portal\/contacts$/);
  await page.getByLabel("姓名或手机号").fill(`测试联系人${run}-1234`);
  await page.getByRole("button", { name: "搜索" }).click();
  await expect(page.getByTestId("contact-table")).toContainText(`测试联系人${run}-1234`);
  await expect(page.getByTestId(`contact-${base + 1234}`)).toBeVisible();
  await expect(page.getByTestId("contact-table")).toContainText("员工");

  await page.getByLabel("姓名或手机号").fill(`+86 ${String(base + 7).replace(/^(\d{3})(\d{4})/, "$1-$2-")}`);
  await page.getByRole("button", { name: "搜索" }).click();
  await expect(page.getByTestId("contact-table")).toContainText(`测试联系人${run}-7`);
  await expect(page.getByTestId("pager-summary")).toContainText("共 1 条");

  await page.getByRole("link", { name: "分组", exact: true }).click();
  await expect(page.getByTestId(`group-${group}`)).toBeVisible();
  await page.getByRole("link", { name: `查看成员 ${group}` }).click();
  await expect(page.getByTestId("pager-summary")).toContainText(`共 ${ROWS + 1} 条`);
  await expect(page.getByTestId("contact-table")).toContainText("张伟（更新）");

  // A new group, and one contact ticked in the list joins it.
  const picked = `手选${run}`;
  await page.getByRole("link", { name: "分组", exact: true }).click();
  await page.getByLabel("分组名称").fill(picked);
  await page.getByRole("button", { name: "新建分组" }).click();
  await expect(page.getByTestId(`group-${picked}`)).toBeVisible();
  await page.getByRole("link", { name: "联系人", exact: true }).click();
  await page.getByLabel("姓名或手机号").fill(`测试联系人${run}-1234`);
  await page.getByRole("button", { name: "搜索" }).click();
  await page.getByLabel(`选择 测试联系人${run}-1234`).check();
  await page.getByTestId("bulk-groups").getByLabel("分组").selectOption({ label: picked });
  await page.getByRole("button", { name: "加入分组" }).click();
  await expect(page.getByTestId("bulk-groups")).toContainText("已将 1 位联系人加入分组");
  await expect(page.getByTestId("contact-table")).toContainText(picked);
});

test("zip bombs posted to the import route are refused with IMPORT_FILE_TOO_COMPLEX and store nothing", async ({
  page,
}) => {
  await signInOverHttp(page, ADMIN.email, ADMIN.password);
  const enterpriseId = await enterpriseIdByName("示例科技有限公司");
  const imports = async () =>
    Number(
      (
        await e2eDb().query<{ n: string }>(`SELECT count(*) AS n FROM "ContactImport" WHERE "enterpriseId" = $1`, [
          enterpriseId,
        ])
      ).rows[0]?.n,
    );
  const before = await imports();
  for (const [name, data, reason] of [
    ["shared-string-bomb.xlsx", await sharedStringBomb(100), "压缩比异常"],
    ["inline-cell-bomb.xlsx", await inlineCellBomb(100), "压缩比异常"],
    ["lying-entry.xlsx", await lyingSharedStringsBomb(4096), "解压后的内容过大"],
  ] as const) {
    const response = await page.request.post("/api/contacts/import", {
      headers: { Origin: E2E_BASE_URL },
      multipart: {
        file: {
          name,
          mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          buffer: Buffer.from(data),
        },
        defaultKind: "CLIENT",
      },
    });
    expect(response.status(), name).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code, name).toBe("IMPORT_FILE_TOO_COMPLEX");
    expect(error.message, name).toContain(reason);
  }
  expect(await imports()).toBe(before);
});
