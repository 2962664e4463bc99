import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { requireStaff } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams, withParams } from "@/app/_components/list-params";
import { Badge, Card, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { RecordViolationForm } from "./record-form";

export default async function ViolationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("COMPLIANCE");
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: ["createdAt"] as const, defaultSort: "createdAt" });
  const enterpriseId = param(params, "enterprise")?.slice(0, 64);
  const caller = await api();
  const [{ rows, total, enterprises }, allEnterprises] = await Promise.all([
    caller.compliance.violations.list({ page: list.page, pageSize: list.pageSize, enterpriseId }),
    caller.compliance.enterprises(),
  ]);
  return (
    <>
      <PageHeader title={t("compliance.violations.title")} intro={t("compliance.violations.intro")} />
      <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
        <div className="space-y-6">
          <Card title={t("compliance.violations.perEnterprise")}>
            <ul className="space-y-1 text-sm" data-testid="violations-per-enterprise">
              <li>
                <Link
                  href="/bureau/compliance/violations"
                  className={enterpriseId ? "text-slate-600 hover:underline" : "font-medium text-brand-700"}
                >
                  {t("compliance.violations.all")}
                </Link>
              </li>
              {enterprises.map((e) => (
                <li key={e.id} className="flex justify-between gap-2">
                  <Link
                    href={withParams("/bureau/compliance/violations", {}, { enterprise: e.id })}
                    className={e.id === enterpriseId ? "font-medium text-brand-700" : "text-slate-600 hover:underline"}
                  >
                    {e.name}
                  </Link>
                  <span className="num text-slate-500">{e.count}</span>
                </li>
              ))}
            </ul>
          </Card>
          <Card title={t("compliance.violations.record")}>
            <RecordViolationForm enterprises={allEnterprises} />
          </Card>
        </div>
        <DataTable
          t={t}
          testId="violation-table"
          pathname="/bureau/compliance/violations"
          params={params}
          rows={rows}
          rowKey={(r) => r.id}
          total={total}
          page={list.page}
          pageSize={list.pageSize}
          empty={t("compliance.violations.empty")}
          columns={[
            {
              header: t("compliance.violations.createdAt"),
              cell: (r) => <span className="num">{formatChinaDateTime(r.createdAt)}</span>,
            },
            { header: t("compliance.violations.enterprise"), cell: (r) => r.enterprise.name },
            {
              header: t("compliance.violations.kind"),
              cell: (r) => (
                <Badge tone={r.kind === "OTHER" ? "slate" : "red"}>
                  {["CONTENT_REJECTED", "CONTENT_BLOCKED", "RECIPIENTS", "OTHER"].includes(r.kind)
                    ? t(`compliance.violations.kinds.${r.kind as "OTHER"}`)
                    : r.kind}
                </Badge>
              ),
            },
            {
              header: t("compliance.violations.detail"),
              cell: (r) => <span className="whitespace-pre-wrap">{r.detail}</span>,
            },
            { header: t("compliance.violations.recordedBy"), cell: (r) => r.recordedBy?.name ?? "—" },
          ]}
        />
      </div>
    </>
  );
}
