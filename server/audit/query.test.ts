import { describe, expect, test } from "vitest";
import { AppError } from "../errors";
import { auditFilterInput, auditWhere } from "./query";

describe("auditFilterInput", () => {
  test("defaults: first page of 50, newest first", () => {
    expect(auditFilterInput.parse({})).toEqual({ page: 1, pageSize: 50, sort: "at", dir: "desc" });
  });

  test("dates must be calendar dates; sorts, directions and sizes are bounded", () => {
    expect(auditFilterInput.safeParse({ from: "2026-12-03", to: "2026-12-31" }).success).toBe(true);
    for (const bad of [
      { from: "abc" },
      { to: "2026-02-30" },
      { from: "2026/12/03" },
      { sort: "detail" },
      { dir: "up" },
      { pageSize: 500 },
      { page: 0 },
      { actor: "x".repeat(101) },
      { action: "a\u0000b" },
    ]) {
      expect(auditFilterInput.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  test("a reversed range is refused with DATE_RANGE_INVALID naming both dates", () => {
    let error: unknown;
    try {
      auditWhere({ from: "2026-12-04", to: "2026-12-03" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect([(error as AppError).code, (error as AppError).params]).toEqual([
      "DATE_RANGE_INVALID",
      { from: "2026-12-04", to: "2026-12-03" },
    ]);
    expect(() => auditWhere({ from: "2026-12-03", to: "2026-12-03" })).not.toThrow();
  });

  test("dates cover whole China days: from 00:00 China time of the first to 24:00 of the last", () => {
    expect(auditWhere({ from: "2026-12-03", to: "2026-12-04" })).toEqual({
      AND: [{ at: { gte: new Date("2026-12-02T16:00:00Z"), lt: new Date("2026-12-04T16:00:00Z") } }],
    });
  });
});
