// An audit entry's fields and values in the reader's language: field labels from the catalogue
// (bureau.audit.fields.*), amounts in yuan (fields named …Fen / …Li), instants in China time.
import { formatChinaDateTime } from "../clock";
import { catalogues, type Locale, lookup, type Translate } from "../i18n";
import { formatLiAsYuan, formatYuan } from "../money";
import type { Prisma } from "../generated/prisma/client";

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/** The field's label, or the field's own name when the catalogue has none. */
export function auditFieldLabel(locale: Locale, field: string): string {
  return lookup(catalogues[locale], `bureau.audit.fields.${field}`) ?? field;
}

/** One value as a reader sees it; `—` for nothing. */
export function formatAuditValue(t: Translate, field: string, value: Prisma.JsonValue | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? t("app.yes") : t("app.no");
  if (typeof value === "number") {
    if (/Fen$/.test(field)) return formatYuan(value);
    if (/Li$/.test(field)) return `¥${formatLiAsYuan(value)}`;
    return value.toLocaleString("zh-CN");
  }
  if (typeof value === "string") return ISO_INSTANT.test(value) ? formatChinaDateTime(new Date(value)) : value;
  if (Array.isArray(value))
    return value.length === 0 ? "—" : value.map((v) => formatAuditValue(t, field, v)).join("、");
  return Object.entries(value)
    .map(([k, v]) => `${k}: ${formatAuditValue(t, k, v)}`)
    .join("；");
}
