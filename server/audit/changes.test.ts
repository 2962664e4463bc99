import { describe, expect, test } from "vitest";
import { translator } from "../i18n";
import { auditDetailView, VALUE_FIELD } from "./changes";
import { auditFieldLabel, formatAuditValue } from "./format";

describe("auditDetailView", () => {
  test("fields recorded as { field: { from, to } } are changes; the rest are facts", () => {
    expect(
      auditDetailView({
        graceDays: { from: 10, to: 15 },
        depositFen: { from: 500000, to: 300000 },
        reason: "客户申请",
      }),
    ).toEqual({
      changes: [
        { field: "graceDays", before: 10, after: 15 },
        { field: "depositFen", before: 500000, after: 300000 },
      ],
      facts: [{ field: "reason", value: "客户申请" }],
    });
  });

  test("a bare { from, to } is one change of the value", () => {
    expect(auditDetailView({ from: "SUSPENDED", to: "ACTIVE" })).toEqual({
      changes: [{ field: VALUE_FIELD, before: "SUSPENDED", after: "ACTIVE" }],
      facts: [],
    });
  });

  test("before/after snapshots give the fields that differ; a nested change set reads like the top level", () => {
    expect(
      auditDetailView({
        before: { name: "甲", phone: "1" },
        after: { name: "乙", phone: "1" },
        changes: { tags: { from: [], to: ["VIP"] } },
      }),
    ).toEqual({
      changes: [
        { field: "name", before: "甲", after: "乙" },
        { field: "tags", before: [], after: ["VIP"] },
      ],
      facts: [],
    });
  });

  test("a field added has no before; no detail has nothing to show", () => {
    expect(auditDetailView({ note: { to: "新备注" } }).changes).toEqual([
      { field: "note", before: null, after: "新备注" },
    ]);
    expect(auditDetailView(null)).toEqual({ changes: [], facts: [] });
    expect(auditDetailView("text")).toEqual({ changes: [], facts: [{ field: "detail", value: "text" }] });
  });
});

describe("formatAuditValue and auditFieldLabel", () => {
  const zh = translator("zh");
  const en = translator("en");
  test("amounts in yuan, instants in China time, booleans and lists in words", () => {
    expect(formatAuditValue(zh, "depositFen", 500000)).toBe("¥5,000.00");
    expect(formatAuditValue(zh, "unitPriceLi", 45)).toBe("¥0.045");
    expect(formatAuditValue(zh, "lockedUntil", "2026-11-25T02:15:00.000Z")).toBe("2026-11-25 10:15");
    expect(formatAuditValue(zh, "disabled", true)).toBe("是");
    expect(formatAuditValue(en, "disabled", false)).toBe("No");
    expect(formatAuditValue(zh, "tags", ["VIP", "员工"])).toBe("VIP、员工");
    expect(formatAuditValue(zh, "note", null)).toBe("—");
  });
  test("labels in the reader's language, the field's name when there is none", () => {
    expect(auditFieldLabel("zh", "graceDays")).toBe("宽限期（天）");
    expect(auditFieldLabel("en", "graceDays")).toBe("Grace period (days)");
    expect(auditFieldLabel("zh", "legalRepresentative")).toBe("法定代表人");
    expect(auditFieldLabel("zh", "somethingNew")).toBe("somethingNew");
  });
});
