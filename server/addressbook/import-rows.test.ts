import { describe, expect, test } from "vitest";
import { AppError } from "../errors";
import type { SheetRow } from "./import-file";
import { checkRows, detectHeader, headerColumns } from "./import-rows";
import { contactMobile, mobileSearchDigits, parseKind, splitList } from "./rules";

const sheet = (...rows: string[][]): SheetRow[] => rows.map((cells, i) => ({ row: i + 1, cells }));

describe("header detection", () => {
  test("Chinese, English and bilingual headers, in any order", () => {
    expect(headerColumns(["姓名", "手机", "类型", "分组", "标签", "备注"])).toEqual({
      name: 0,
      mobile: 1,
      kind: 2,
      groups: 3,
      tags: 4,
      note: 5,
    });
    expect(headerColumns(["Mobile", "Name", "Tags", "Kind", "Group", "Note"])).toEqual({
      mobile: 0,
      name: 1,
      tags: 2,
      kind: 3,
      groups: 4,
      note: 5,
    });
    expect(headerColumns(["姓名/name", "手机 Mobile", "*手机号码(必填)", "TYPE"])).toEqual({
      name: 0,
      mobile: 1,
      kind: 3,
    });
    expect(headerColumns(["手机号码*", "Full Name", "备注："])).toEqual({ mobile: 0, name: 1, note: 2 });
  });

  test("a title row above the header is skipped", () => {
    const { columns, dataStart } = detectHeader(
      sheet(["示例科技通讯录 2026"], ["", "姓名", "手机"], ["", "张三", "13800138000"]),
    );
    expect(columns).toEqual({ name: 1, mobile: 2 });
    expect(dataStart).toBe(2);
  });

  test("without a header, rows in template order are accepted when the second cell is a number", () => {
    expect(detectHeader(sheet(["张三", "13800138000", "员工"]))).toEqual({
      columns: { name: 0, mobile: 1, kind: 2, groups: 3, tags: 4, note: 5 },
      dataStart: 0,
    });
  });

  test("anything else has no header", () => {
    const error = (() => {
      try {
        detectHeader(sheet(["foo", "bar"], ["1", "2"]));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("IMPORT_NO_HEADER");
  });
});

describe("kinds, lists and numbers", () => {
  test.each([
    ["员工", "STAFF"],
    ["STAFF", "STAFF"],
    [" staff ", "STAFF"],
    ["职员", "STAFF"],
    ["Ｓｔａｆｆ", "STAFF"],
    ["客户", "CLIENT"],
    ["CLIENT", "CLIENT"],
    ["customer", "CLIENT"],
    ["", "CLIENT"],
  ])("%s → %s", (input, kind) => {
    expect(parseKind(input, "CLIENT")).toBe(kind);
  });

  test("an unknown kind is refused; blank takes the fallback", () => {
    expect(parseKind("供应商", "STAFF")).toBeNull();
    expect(parseKind("  ", "STAFF")).toBe("STAFF");
  });

  test("tags split on commas (both widths), 、 and semicolons, trimmed, each once", () => {
    expect(splitList("VIP, 华东，物流、 VIP;；重点 ")).toEqual(["VIP", "华东", "物流", "重点"]);
    expect(splitList("  ")).toEqual([]);
  });

  test("numbers: +86 / 0086 / spaces / dashes / full-width digits", () => {
    expect(contactMobile("+86 138-0013-8000")).toBe("13800138000");
    expect(contactMobile("0086 13800138000")).toBe("13800138000");
    expect(contactMobile("１３８００１３８０００")).toBe("13800138000");
    expect(contactMobile("＋８６ 139 0013 9000")).toBe("13900139000");
    expect(contactMobile("010-12345678")).toBeNull();
  });

  test("search text that is part of a number", () => {
    expect(mobileSearchDigits("138 0013")).toBe("1380013");
    expect(mobileSearchDigits("+86 138")).toBe("138");
    expect(mobileSearchDigits("0086138")).toBe("138");
    expect(mobileSearchDigits("张三")).toBeNull();
  });
});

describe("checking rows", () => {
  const rows = sheet(
    ["姓名", "手机", "类型", "分组", "标签", "备注"],
    ["张三", "+86 138 0013 8000", "员工", "销售部、全体员工", "VIP,华东", "老客户"],
    ["李四", "0086-139-0013-9000", "", "", "", ""],
    ["王五", "12345", "客户", "", "", ""],
    ["", "13700137000", "客户", "", "", ""],
    ["赵六", "13800138000", "客户", "", "", ""],
    ["钱七", "13600136000", "供应商", "", "", ""],
    ["孙八", "13500135000", "客户", "", "", "x".repeat(201)],
    ["'=周九", "13400134000", "CLIENT", "", "", "'+note"],
  );

  test("valid rows are normalised; every other row has its problem and row number", () => {
    const checked = checkRows(rows, { defaultKind: "CLIENT", groupName: "导入" });
    expect(checked.totalRows).toBe(8);
    expect(checked.valid).toEqual([
      {
        row: 2,
        name: "张三",
        mobile: "13800138000",
        kind: "STAFF",
        tags: ["VIP", "华东"],
        note: "老客户",
        groups: ["销售部", "全体员工", "导入"],
      },
      { row: 3, name: "李四", mobile: "13900139000", kind: "CLIENT", tags: [], note: null, groups: ["导入"] },
      { row: 9, name: "=周九", mobile: "13400134000", kind: "CLIENT", tags: [], note: "+note", groups: ["导入"] },
    ]);
    expect(checked.problems).toEqual([
      { row: 4, problem: "INVALID_NUMBER", name: "王五", mobile: "12345" },
      { row: 5, problem: "MISSING_NAME", name: "", mobile: "13700137000" },
      { row: 6, problem: "DUPLICATE_IN_FILE", name: "赵六", mobile: "13800138000", firstRow: 2 },
      { row: 7, problem: "INVALID_KIND", name: "钱七", mobile: "13600136000" },
      { row: 8, problem: "FIELD_TOO_LONG", name: "孙八", mobile: "13500135000" },
    ]);
    expect(checked.invalidRows).toBe(4);
    expect(checked.duplicateRows).toBe(1);
  });

  test("a blank kind takes the chosen default", () => {
    const checked = checkRows(rows.slice(0, 3), { defaultKind: "STAFF" });
    expect(checked.valid.map((r) => r.kind)).toEqual(["STAFF", "STAFF"]);
    expect(checked.valid[1]?.groups).toEqual([]);
  });
});
