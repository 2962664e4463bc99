"use client";
// The one bar chart: figures by month or day (billed vs collected, segments sent ...), drawn with recharts
// and always backed by the same figures as a <table>, so screen readers, printouts and tests read numbers.
import { Bar, BarChart as RechartsBarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { formatFen, formatYuan } from "@/server/money";

export interface BarSeries {
  /** The field of each data row holding this series' value. */
  key: string;
  /** Shown in the legend, tooltip and table header (already translated). */
  label: string;
  /** A CSS colour. */
  color: string;
}

export type BarChartRow = { label: string } & Record<string, number | string>;

/**
 * How values read. A server component cannot pass a function to a client component, so the usual ones
 * are named: "fen" (integer fen shown as ¥ 元 in the table and tooltip, 元 on the axis) and "count".
 * Client components may pass their own function.
 */
export type BarValueFormat = "fen" | "count" | ((value: number) => string);

const countFormat = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });

function formatterFor(format: BarValueFormat): { value: (n: number) => string; axis: (n: number) => string } {
  if (typeof format === "function") return { value: format, axis: format };
  if (format === "fen") return { value: formatYuan, axis: (n) => formatFen(Math.round(n)).replace(/\.00$/, "") };
  return { value: (n) => countFormat.format(n), axis: (n) => countFormat.format(n) };
}

function numberAt(row: BarChartRow, key: string): number {
  const value = row[key];
  return typeof value === "number" ? value : 0;
}

export function BarChart({
  title,
  categoryLabel,
  data,
  series,
  format = "count",
  height = 260,
  table = "hidden",
  empty,
  testId,
}: {
  /** What the chart shows; the figure's accessible name and the table caption. */
  title: string;
  /** Header of the table's first column, e.g. 月份 / 日期. */
  categoryLabel: string;
  data: BarChartRow[];
  series: BarSeries[];
  format?: BarValueFormat;
  height?: number;
  /** "visible" shows the figures under the chart; "hidden" keeps them for screen readers only. */
  table?: "visible" | "hidden";
  /** Shown instead of the chart when there are no rows. */
  empty?: string;
  testId?: string;
}) {
  const fmt = formatterFor(format);
  if (data.length === 0) {
    return (
      <div
        data-testid={testId}
        className="rounded-md border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-500"
      >
        {empty ?? title}
      </div>
    );
  }
  return (
    <figure data-testid={testId} className="m-0">
      {/* The drawing repeats the table below; assistive technology reads the table instead. */}
      <div aria-hidden="true" style={{ width: "100%", height }}>
        <RechartsBarChart
          responsive
          data={data}
          style={{ width: "100%", height }}
          margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 12, fill: "#64748b" }}
            tickLine={false}
            axisLine={{ stroke: "#cbd5e1" }}
          />
          <YAxis
            tickFormatter={(v: number) => fmt.axis(v)}
            tick={{ fontSize: 12, fill: "#64748b" }}
            tickLine={false}
            axisLine={false}
            width={64}
          />
          <Tooltip
            formatter={(value, _name, item) => [
              typeof value === "number" ? fmt.value(value) : String(value),
              series.find((s) => s.key === item.dataKey)?.label ?? String(_name),
            ]}
            cursor={{ fill: "#f1f5f9" }}
          />
          {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={s.color}
              radius={[3, 3, 0, 0]}
              isAnimationActive={false}
            />
          ))}
        </RechartsBarChart>
      </div>
      <table
        className={table === "visible" ? "mt-4 min-w-full divide-y divide-slate-200 text-sm" : "sr-only"}
        data-testid={testId ? `${testId}-table` : undefined}
      >
        <caption className={table === "visible" ? "sr-only" : undefined}>{title}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="px-4 py-2 text-left font-medium text-slate-600">
              {categoryLabel}
            </th>
            {series.map((s) => (
              <th key={s.key} scope="col" className="px-4 py-2 text-right font-medium text-slate-600">
                <span
                  aria-hidden="true"
                  className="mr-1.5 inline-block h-2.5 w-2.5 rounded-sm"
                  style={{ backgroundColor: s.color }}
                />
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.map((row) => (
            <tr key={row.label}>
              <th scope="row" className="px-4 py-2 text-left font-normal whitespace-nowrap text-slate-700">
                {row.label}
              </th>
              {series.map((s) => (
                <td key={s.key} className="num px-4 py-2 text-right">
                  {fmt.value(numberAt(row, s.key))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
