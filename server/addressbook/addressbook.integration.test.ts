import type { EnterpriseActor } from "../audit/log";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemo } from "@/prisma/demo-data";
import { actorFor, expectAppError } from "../testing/callers";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { createContact, deleteContact, getContact, listContacts, listTags, updateContact } from "./contacts";
import { DEMO_CONTACTS, DEMO_STAFF_GROUP, seedDemoContacts } from "./demo";
import { exportContacts, type ExportLabels } from "./export";
import { addGroupMembers, createGroup, deleteGroup, listGroups, removeGroupMembers, renameGroup } from "./groups";
import { discardImport, getImport, listImports, previewImport, runImport } from "./import";
import { resolveRecipients } from "./recipients";
import { MAX_IMPORT_ROWS } from "./import-file";
import {
  inlineCellBomb,
  lyingSharedStringsBomb,
  manyRowsWorkbook,
  memoryMb,
  sharedStringBomb,
} from "../testing/xlsx-bombs";

let t: TestDatabase;
let demo: EnterpriseActor;
let other: EnterpriseActor;
const T0 = new Date("2026-11-25T02:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

const actorOf = (email: string): Promise<EnterpriseActor> => actorFor(t.db, email, { ip: "203.0.113.5" });

const utf8 = (text: string) => new TextEncoder().encode(text);
const query = { page: 1, pageSize: 50, sort: "mobile" as const, dir: "asc" as const };

const LABELS: ExportLabels = {
  headers: { name: "姓名", mobile: "手机", kind: "类型", groups: "分组", tags: "标签", note: "备注" },
  kinds: { STAFF: "员工", CLIENT: "客户" },
  listSeparator: "、",
};

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db);
  demo = await actorOf("admin@demo.example.com");
  other = await actorOf("admin@other.example.com");
});
afterAll(async () => t.drop());

describe("contacts", () => {
  test("numbers are normalised on save; a number is once per enterprise but may be in two enterprises", async () => {
    const created = await createContact(
      t.db,
      demo,
      {
        name: " 王小明 ",
        mobile: "+86 150-0000-0001",
        kind: "CLIENT",
        tags: ["VIP", " VIP ", "华东"],
        note: " 老客户 ",
      },
      T0,
    );
    expect(created).toMatchObject({
      name: "王小明",
      mobile: "15000000001",
      kind: "CLIENT",
      tags: ["VIP", "华东"],
      note: "老客户",
      groups: [],
    });
    await expectAppError(
      createContact(t.db, demo, { name: "重复", mobile: "0086 15000000001", kind: "STAFF" }, T0),
      "CONTACT_DUPLICATE",
    );
    await expectAppError(
      createContact(t.db, demo, { name: "坏号", mobile: "1234567", kind: "STAFF" }, T0),
      "MOBILE_INVALID",
    );
    await expectAppError(
      createContact(t.db, demo, { name: "坏号", mobile: "12000000001", kind: "STAFF" }, T0),
      "MOBILE_INVALID",
    );
    const theirs = await createContact(t.db, other, { name: "同号", mobile: "15000000001", kind: "STAFF" }, T0);
    expect(theirs.mobile).toBe("15000000001");
    expect(await t.db.contact.count({ where: { mobile: "15000000001" } })).toBe(2);

    const updated = await updateContact(
      t.db,
      demo,
      created.id,
      { name: "王小明", mobile: "15000000002", kind: "STAFF", tags: ["VIP"], note: null },
      at(1000),
    );
    expect(updated).toMatchObject({ mobile: "15000000002", kind: "STAFF", tags: ["VIP"], note: null });
    expect(updated.updatedAt).toEqual(at(1000));
    const audit = await t.db.auditLog.findFirstOrThrow({
      where: { action: "addressbook.contact.updated", entityId: created.id },
    });
    expect(audit.detail).toMatchObject({
      mobile: { from: "15000000001", to: "15000000002" },
      kind: { from: "CLIENT", to: "STAFF" },
    });

    await deleteContact(t.db, demo, created.id, at(2000));
    await expectAppError(getContact(t.db, demo.enterpriseId, created.id), "NOT_FOUND");
  });

  test("search by name or any part of the number, filters by group, tag and kind, sorting and paging", async () => {
    const group = await createGroup(t.db, demo, { name: "搜索组" }, T0);
    const made = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await createContact(
          t.db,
          demo,
          {
            name: `检索${i}`,
            mobile: `1510000000${i}`,
            kind: i % 2 ? "STAFF" : "CLIENT",
            tags: i < 3 ? ["标记"] : [],
            groupIds: i >= 4 ? [group.id] : [],
          },
          at(i * 1000),
        ),
      );
    }
    const byName = await listContacts(t.db, demo.enterpriseId, { ...query, search: "检索" });
    expect(byName.total).toBe(7);
    expect(byName.rows.map((r) => r.mobile)).toEqual(made.map((m) => m.mobile));
    expect(
      (await listContacts(t.db, demo.enterpriseId, { ...query, search: "+86 151-0000-0003" })).rows.map((r) => r.name),
    ).toEqual(["检索3"]);
    expect((await listContacts(t.db, demo.enterpriseId, { ...query, search: "0000000" })).total).toBeGreaterThanOrEqual(
      7,
    );
    expect(
      (await listContacts(t.db, demo.enterpriseId, { ...query, search: "检索", kind: "STAFF" })).rows.map(
        (r) => r.name,
      ),
    ).toEqual(["检索1", "检索3", "检索5"]);
    expect((await listContacts(t.db, demo.enterpriseId, { ...query, tag: "标记" })).rows.map((r) => r.name)).toEqual([
      "检索0",
      "检索1",
      "检索2",
    ]);
    const inGroup = await listContacts(t.db, demo.enterpriseId, { ...query, groupId: group.id });
    expect(inGroup.rows.map((r) => r.name)).toEqual(["检索4", "检索5", "检索6"]);
    expect(inGroup.rows[0]?.groups).toEqual([{ id: group.id, name: "搜索组" }]);

    const page2 = await listContacts(t.db, demo.enterpriseId, {
      ...query,
      search: "检索",
      pageSize: 3,
      page: 2,
      sort: "createdAt",
      dir: "desc",
    });
    expect(page2.total).toBe(7);
    expect(page2.rows.map((r) => r.name)).toEqual(["检索3", "检索2", "检索1"]);
    expect(await listTags(t.db, demo.enterpriseId)).toContain("标记");
    // The other enterprise's book does not see them.
    expect((await listContacts(t.db, other.enterpriseId, { ...query, search: "检索" })).total).toBe(0);
  });
});

describe("groups", () => {
  test("create, rename, duplicate names, membership, delete keeps the contacts", async () => {
    const g = await createGroup(t.db, demo, { name: "项目组" }, T0);
    await expectAppError(createGroup(t.db, demo, { name: " 项目组 " }, T0), "GROUP_DUPLICATE");
    // The same name in another enterprise is fine.
    await createGroup(t.db, other, { name: "项目组" }, T0);
    const a = await createContact(t.db, demo, { name: "组员甲", mobile: "15200000001", kind: "STAFF" }, T0);
    const b = await createContact(t.db, demo, { name: "组员乙", mobile: "15200000002", kind: "STAFF" }, T0);
    const theirs = await createContact(t.db, other, { name: "外人", mobile: "15200000003", kind: "STAFF" }, T0);

    expect(await addGroupMembers(t.db, demo, g.id, [a.id, b.id, a.id, theirs.id, "nope"], T0)).toEqual({ added: 2 });
    expect(await addGroupMembers(t.db, demo, g.id, [a.id], T0)).toEqual({ added: 0 });
    expect((await listGroups(t.db, demo.enterpriseId)).find((x) => x.id === g.id)?.memberCount).toBe(2);

    await renameGroup(t.db, demo, g.id, { name: "项目一组" }, T0);
    await expectAppError(renameGroup(t.db, demo, g.id, { name: "搜索组" }, T0), "GROUP_DUPLICATE");
    expect(await removeGroupMembers(t.db, demo, g.id, [b.id, theirs.id], T0)).toEqual({ removed: 1 });
    expect((await getContact(t.db, demo.enterpriseId, a.id)).groups).toEqual([{ id: g.id, name: "项目一组" }]);

    await deleteGroup(t.db, demo, g.id, T0);
    expect(await t.db.contactGroup.count({ where: { id: g.id } })).toBe(0);
    expect((await getContact(t.db, demo.enterpriseId, a.id)).groups).toEqual([]);
  });

  test("tenancy: another enterprise's contact and group ids match nothing", async () => {
    const theirGroup = await createGroup(t.db, other, { name: "他们的组" }, T0);
    const theirContact = await createContact(
      t.db,
      other,
      { name: "他们的人", mobile: "15300000001", kind: "STAFF", groupIds: [theirGroup.id] },
      T0,
    );
    const mine = await createContact(t.db, demo, { name: "我的人", mobile: "15300000002", kind: "STAFF" }, T0);

    await expectAppError(getContact(t.db, demo.enterpriseId, theirContact.id), "NOT_FOUND");
    await expectAppError(
      updateContact(t.db, demo, theirContact.id, { name: "改", mobile: "15300000001", kind: "STAFF" }, T0),
      "NOT_FOUND",
    );
    await expectAppError(deleteContact(t.db, demo, theirContact.id, T0), "NOT_FOUND");
    await expectAppError(renameGroup(t.db, demo, theirGroup.id, { name: "改" }, T0), "NOT_FOUND");
    await expectAppError(deleteGroup(t.db, demo, theirGroup.id, T0), "NOT_FOUND");
    await expectAppError(addGroupMembers(t.db, demo, theirGroup.id, [mine.id], T0), "NOT_FOUND");
    await expectAppError(
      createContact(
        t.db,
        demo,
        { name: "入他组", mobile: "15300000003", kind: "STAFF", groupIds: [theirGroup.id] },
        T0,
      ),
      "NOT_FOUND",
    );
    await expectAppError(
      updateContact(
        t.db,
        demo,
        mine.id,
        { name: "我的人", mobile: "15300000002", kind: "STAFF", groupIds: [theirGroup.id] },
        T0,
      ),
      "NOT_FOUND",
    );
    expect((await listContacts(t.db, demo.enterpriseId, { ...query, groupId: theirGroup.id })).total).toBe(0);

    const resolved = await resolveRecipients(t.db, demo.enterpriseId, {
      groupIds: [theirGroup.id],
      contactIds: [theirContact.id],
    });
    expect(resolved).toEqual({ mobiles: [], invalid: [] });
    // Their contact still exists, untouched.
    expect(await t.db.contact.findUniqueOrThrow({ where: { id: theirContact.id } })).toMatchObject({
      name: "他们的人",
      enterpriseId: other.enterpriseId,
    });
  });
});

describe("recipients", () => {
  test("groups, contacts and pasted numbers resolve to each number once; bad pasted entries are reported", async () => {
    const g = await createGroup(t.db, demo, { name: "收件组" }, T0);
    const a = await createContact(
      t.db,
      demo,
      { name: "收件甲", mobile: "15400000001", kind: "STAFF", groupIds: [g.id] },
      T0,
    );
    await createContact(t.db, demo, { name: "收件乙", mobile: "15400000002", kind: "STAFF", groupIds: [g.id] }, T0);
    const resolved = await resolveRecipients(t.db, demo.enterpriseId, {
      groupIds: [g.id],
      contactIds: [a.id],
      numbers: ["+86 154 0000 0001，15400000003\n0086-154-0000-0004", "12345", "15400000003"],
    });
    expect(resolved.mobiles).toEqual(["15400000001", "15400000002", "15400000003", "15400000004"]);
    expect(resolved.invalid).toEqual(["12345"]);
  });
});

describe("import", () => {
  test("a 12,000-row CSV: invalid numbers, duplicates within the file and against the book, in batches, with progress", async () => {
    const existing = await createContact(
      t.db,
      demo,
      { name: "老联系人", mobile: "16600000005", kind: "CLIENT", tags: ["老"], note: "保留" },
      T0,
    );
    const lines = ["姓名,手机号码,类型,分组,标签,备注"];
    for (let i = 0; i < 12_000; i++)
      lines.push(
        `导入${i},+86 166-${String(i)
          .padStart(8, "0")
          .replace(/^(\d{4})/, "$1-")},${i % 3 === 0 ? "员工" : "客户"},导入组,批量,`,
      );
    lines.push("坏号,1660000,员工,,,");
    lines.push("重复,16600000007,客户,,,");
    lines.push(",16600099999,客户,,,");
    lines.push("怪类型,16600099998,供应商,,,");
    const data = utf8(lines.join("\r\n"));

    const { id } = await previewImport(
      t.db,
      demo,
      { fileName: "contacts.csv", data, defaultKind: "CLIENT", groupName: "十一月导入" },
      T0,
    );
    const preview = await getImport(t.db, demo.enterpriseId, id);
    expect(preview).toMatchObject({
      status: "PREVIEWED",
      totalRows: 12_004,
      validRows: 12_000,
      invalidRows: 3,
      duplicateRows: 1,
      processedRows: 0,
      alreadyInBook: 1,
    });
    expect(preview.sample).toHaveLength(20);
    expect(preview.sample[0]).toMatchObject({
      row: 2,
      name: "导入0",
      mobile: "16600000000",
      kind: "STAFF",
      groups: ["导入组", "十一月导入"],
      tags: ["批量"],
    });
    expect(preview.problems.map((p) => [p.row, p.problem, p.firstRow])).toEqual([
      [7, "ALREADY_IN_BOOK", undefined],
      [12_002, "INVALID_NUMBER", undefined],
      [12_003, "DUPLICATE_IN_FILE", 9],
      [12_004, "MISSING_NAME", undefined],
      [12_005, "INVALID_KIND", undefined],
    ]);
    // Nothing is written before confirming.
    expect(
      await t.db.contact.count({ where: { enterpriseId: demo.enterpriseId, mobile: { startsWith: "166" } } }),
    ).toBe(1);
    await expectAppError(getImport(t.db, other.enterpriseId, id), "NOT_FOUND");
    await expectAppError(runImport(t.db, other, id, T0), "NOT_FOUND");

    const started = Date.now();
    const done = await runImport(t.db, demo, id, at(60_000), { batchSize: 2_500 });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(done).toMatchObject({
      status: "COMPLETED",
      processedRows: 12_000,
      importedRows: 11_999,
      updatedRows: 1,
      finishedAt: at(60_000),
    });
    expect(
      await t.db.contact.count({ where: { enterpriseId: demo.enterpriseId, mobile: { startsWith: "166" } } }),
    ).toBe(12_000);
    const groups = await listGroups(t.db, demo.enterpriseId);
    expect(groups.find((g) => g.name === "导入组")?.memberCount).toBe(12_000);
    expect(groups.find((g) => g.name === "十一月导入")?.memberCount).toBe(12_000);
    const updated = await getContact(t.db, demo.enterpriseId, existing.id);
    expect(updated).toMatchObject({ name: "导入5", kind: "CLIENT", tags: ["老", "批量"], note: "保留" });
    expect(
      (await t.db.contact.findFirstOrThrow({ where: { enterpriseId: demo.enterpriseId, mobile: "16600011997" } })).kind,
    ).toBe("STAFF");
    // The stored rows are dropped once done; the counters stay.
    expect((await t.db.contactImport.findUniqueOrThrow({ where: { id } })).rows).toBeNull();
    await expectAppError(runImport(t.db, demo, id, T0), "IMPORT_STATE");
    await expectAppError(discardImport(t.db, demo, id, T0), "IMPORT_STATE");
    expect((await listImports(t.db, demo.enterpriseId))[0]).toMatchObject({ id, status: "COMPLETED" });
  });

  test("an XLSX import interrupted part-way resumes from processedRows without writing a row twice", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("通讯录");
    sheet.addRow(["Name", "Mobile", "Kind"]);
    for (let i = 0; i < 3_000; i++) sheet.addRow([`Resume ${i}`, 16700000000 + i, "staff"]);
    const data = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { id } = await previewImport(t.db, demo, { fileName: "book.xlsx", data, defaultKind: "CLIENT" }, T0);
    // A crash after the first 1,000 rows: written, counted, and the import left RUNNING.
    await t.db.contactImport.update({ where: { id }, data: { status: "RUNNING" } });
    const stored = (await t.db.contactImport.findUniqueOrThrow({ where: { id } })).rows as {
      name: string;
      mobile: string;
    }[];
    await t.db.contact.createMany({
      data: stored.slice(0, 1_000).map((r) => ({
        enterpriseId: demo.enterpriseId,
        name: r.name,
        mobile: r.mobile,
        kind: "STAFF" as const,
        tags: [],
      })),
    });
    // The process died: no FAILED was written, the import stays RUNNING.
    await t.db.contactImport.update({ where: { id }, data: { processedRows: 1_000, importedRows: 1_000 } });

    expect((await getImport(t.db, demo.enterpriseId, id)).processedRows).toBe(1_000);
    const done = await runImport(t.db, demo, id, T0, { batchSize: 700 });
    expect(done).toMatchObject({ status: "COMPLETED", processedRows: 3_000, importedRows: 3_000, updatedRows: 0 });
    expect(
      await t.db.contact.count({ where: { enterpriseId: demo.enterpriseId, name: { startsWith: "Resume " } } }),
    ).toBe(3_000);
  });

  test("an import a failed run left FAILED is finished by running it again", async () => {
    const { id } = await previewImport(
      t.db,
      demo,
      { fileName: "f.csv", data: utf8("姓名,手机\n失败甲,16900000011\n失败乙,16900000012\n"), defaultKind: "STAFF" },
      T0,
    );
    await t.db.contactImport.update({ where: { id }, data: { status: "FAILED" } });
    expect((await getImport(t.db, demo.enterpriseId, id)).status).toBe("FAILED");
    expect(await runImport(t.db, demo, id, T0)).toMatchObject({
      status: "COMPLETED",
      processedRows: 2,
      importedRows: 2,
    });
  });

  test("two runs of one import at once write each row once", async () => {
    const lines = ["姓名,手机"];
    for (let i = 0; i < 4_000; i++) lines.push(`并发${i},1680000${String(i).padStart(4, "0")}`);
    const { id } = await previewImport(
      t.db,
      demo,
      { fileName: "c.csv", data: utf8(lines.join("\n")), defaultKind: "STAFF" },
      T0,
    );
    const results = await Promise.allSettled([
      runImport(t.db, demo, id, T0, { batchSize: 500 }),
      runImport(t.db, demo, id, T0, { batchSize: 500 }),
    ]);
    expect(results.some((r) => r.status === "fulfilled")).toBe(true);
    const final = await getImport(t.db, demo.enterpriseId, id);
    expect(final).toMatchObject({ status: "COMPLETED", processedRows: 4_000, importedRows: 4_000 });
    expect(
      await t.db.contact.count({ where: { enterpriseId: demo.enterpriseId, mobile: { startsWith: "1680000" } } }),
    ).toBe(4_000);
  });

  test("files without a header or with too many problems are refused; a preview can be discarded", async () => {
    await expectAppError(
      previewImport(t.db, demo, { fileName: "x.csv", data: utf8("foo,bar\nbaz,qux\n"), defaultKind: "STAFF" }, T0),
      "IMPORT_NO_HEADER",
    );
    await expectAppError(
      previewImport(
        t.db,
        demo,
        { fileName: "x.xlsx", data: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), defaultKind: "STAFF" },
        T0,
      ),
      "IMPORT_FILE_INVALID",
    );
    const { id } = await previewImport(
      t.db,
      demo,
      { fileName: "d.csv", data: utf8("姓名,手机\n丢弃,16900000001\n"), defaultKind: "STAFF" },
      T0,
    );
    await expectAppError(discardImport(t.db, other, id, T0), "NOT_FOUND");
    await discardImport(t.db, demo, id, T0);
    expect(await t.db.contactImport.count({ where: { id } })).toBe(0);
    expect(await t.db.contact.count({ where: { mobile: "16900000001" } })).toBe(0);
  });

  test("zip bombs and over-long files are refused before anything is stored, and the process barely grows", async () => {
    const stored = () => t.db.contactImport.count({ where: { enterpriseId: demo.enterpriseId } });
    const audited = () => t.db.auditLog.count({ where: { action: "addressbook.import.uploaded" } });
    const before = { imports: await stored(), audits: await audited() };
    for (const [label, data, code, limit] of [
      ["shared-string bomb", await sharedStringBomb(100), "IMPORT_FILE_TOO_COMPLEX", "compressionRatio"],
      ["inline-cell bomb", await inlineCellBomb(100), "IMPORT_FILE_TOO_COMPLEX", "compressionRatio"],
      ["lying entry", await lyingSharedStringsBomb(4096), "IMPORT_FILE_TOO_COMPLEX", "partTooLarge"],
      ["too many rows", await manyRowsWorkbook(MAX_IMPORT_ROWS + 1), "IMPORT_TOO_MANY_ROWS", undefined],
    ] as const) {
      const memory = memoryMb();
      const refused = await previewImport(t.db, demo, { fileName: "bomb.xlsx", data, defaultKind: "CLIENT" }, T0).then(
        () => null,
        (e: unknown) => e,
      );
      const growth = memoryMb().rss - memory.rss;
      console.log(
        `previewImport, ${label}: ${(refused as { code?: string } | null)?.code ?? "accepted"}; rss growth ${growth} MB`,
      );
      expect(refused, label).toMatchObject({ code, ...(limit ? { params: { limit } } : {}) });
      expect(growth, label).toBeLessThan(200);
    }
    expect({ imports: await stored(), audits: await audited() }).toEqual(before);
  }, 120_000);

  test("an exported book imports back as the same contacts (CSV and XLSX)", async () => {
    const g = await createGroup(t.db, other, { name: "往返组" }, T0);
    await createContact(
      t.db,
      other,
      { name: "=危险公式", mobile: "17000000001", kind: "CLIENT", tags: ["甲", "乙"], note: "+备注", groupIds: [g.id] },
      T0,
    );
    await createContact(t.db, other, { name: "普通", mobile: "17000000002", kind: "STAFF" }, T0);
    for (const format of ["csv", "xlsx"] as const) {
      const file = await exportContacts(
        t.db,
        other,
        { filter: { search: "1700000000" }, format, labels: LABELS, fileStem: "通讯录" },
        T0,
      );
      expect(file.count).toBe(2);
      expect(file.fileName).toBe(`通讯录-20261125.${format}`);
      const { id } = await previewImport(
        t.db,
        other,
        { fileName: file.fileName, data: file.body, defaultKind: "STAFF" },
        T0,
      );
      const preview = await getImport(t.db, other.enterpriseId, id);
      expect(preview).toMatchObject({ totalRows: 2, validRows: 2, invalidRows: 0, alreadyInBook: 2 });
      expect(preview.sample).toEqual([
        {
          row: 2,
          name: "=危险公式",
          mobile: "17000000001",
          kind: "CLIENT",
          tags: ["甲", "乙"],
          note: "+备注",
          groups: ["往返组"],
        },
        { row: 3, name: "普通", mobile: "17000000002", kind: "STAFF", tags: [], note: null, groups: [] },
      ]);
      await discardImport(t.db, other, id, T0);
    }
    const csv = await exportContacts(
      t.db,
      other,
      { filter: { search: "17000000001" }, format: "csv", labels: LABELS, fileStem: "通讯录" },
      T0,
    );
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(csv.body)).toBe(
      "\uFEFF姓名,手机,类型,分组,标签,备注\r\n'=危险公式,17000000001,客户,往返组,甲、乙,'+备注\r\n",
    );
  });
});

describe("demo data", () => {
  test("seeding is idempotent and gives 13800138000..09 as STAFF in 全体员工", async () => {
    await seedDemoContacts(t.db, demo.enterpriseId);
    await seedDemoContacts(t.db, demo.enterpriseId);
    const staff = await t.db.contactGroup.findUniqueOrThrow({
      where: { enterpriseId_name: { enterpriseId: demo.enterpriseId, name: DEMO_STAFF_GROUP } },
    });
    const resolved = await resolveRecipients(t.db, demo.enterpriseId, { groupIds: [staff.id] });
    expect(resolved.mobiles).toEqual(Array.from({ length: 10 }, (_, i) => `1380013800${i}`));
    const contacts = await t.db.contact.findMany({
      where: { enterpriseId: demo.enterpriseId, mobile: { in: DEMO_CONTACTS.map((c) => c.mobile) } },
    });
    expect(contacts).toHaveLength(DEMO_CONTACTS.length);
    expect(contacts.filter((c) => c.mobile.startsWith("1380013800")).every((c) => c.kind === "STAFF")).toBe(true);
  });
});
