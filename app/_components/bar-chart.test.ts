import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart } from "./bar-chart";

const series = [
  { key: "billedFen", label: "开票", color: "#2563eb" },
  { key: "collectedFen", label: "回款", color: "#16a34a" },
];

describe("BarChart", () => {
  it("renders on the server with the figures as a table, fen shown as 元", () => {
    const html = renderToStaticMarkup(
      createElement(BarChart, {
        title: "月度收入",
        categoryLabel: "月份",
        data: [
          { label: "2026-10", billedFen: 11170, collectedFen: 0 },
          { label: "2026-11", billedFen: 123456789, collectedFen: 11170 },
        ],
        series,
        format: "fen",
        testId: "revenue",
      }),
    );
    expect(html).toContain("<caption>月度收入</caption>");
    expect(html).toContain('<th scope="col" class="px-4 py-2 text-left font-medium text-slate-600">月份</th>');
    const rows = [...html.matchAll(/<tr><th scope="row"[^>]*>([^<]+)<\/th>(.*?)<\/tr>/g)].map((m) => [
      m[1],
      ...[...(m[2] ?? "").matchAll(/>([^<]*)<\/td>/g)].map((c) => c[1]),
    ]);
    expect(rows).toEqual([
      ["2026-10", "¥111.70", "¥0.00"],
      ["2026-11", "¥1,234,567.89", "¥111.70"],
    ]);
    expect(html).toContain('class="sr-only"');
  });

  it("counts use grouping, a visible table drops sr-only, and no rows shows the empty text", () => {
    const html = renderToStaticMarkup(
      createElement(BarChart, {
        title: "每日条数",
        categoryLabel: "日期",
        data: [{ label: "12-01", segments: 12345 }],
        series: [{ key: "segments", label: "计费条数", color: "#0ea5e9" }],
        table: "visible",
      }),
    );
    expect(html).toContain(">12,345</td>");
    expect(html).not.toContain('class="sr-only"><caption');
    const empty = renderToStaticMarkup(
      createElement(BarChart, { title: "每日条数", categoryLabel: "日期", data: [], series: [], empty: "暂无数据" }),
    );
    expect(empty).toContain("暂无数据");
    expect(empty).not.toContain("<table");
  });
});
