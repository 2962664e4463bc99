import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { requireCustomer } from "@/app/_components/guards";
import { parseListParams, type SearchParams } from "@/app/_components/list-params";
import { Alert, Badge, Card, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDate, formatChinaDateTime, toChinaDate } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { RequestStateBadge } from "../status-badge";
import { ConsentApplicationForm } from "./apply-form";

export default async function ConsentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireCustomer();
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: ["createdAt"] as const, defaultSort: "createdAt" });
  const { rows, total } = await (await api()).compliance.consent.mine({ page: list.page, pageSize: list.pageSize });
  const now = new Date();
  return (
    <>
      <PageHeader title={t("compliance.consents.title")} intro={t("compliance.consents.intro")} />
      <div className="space-y-6">
        {user.role === "CUSTOMER_ADMIN" ? (
          <Card title={t("compliance.consents.apply")}>
            <ConsentApplicationForm />
          </Card>
        ) : (
          <Alert tone="info">{t("compliance.consents.adminOnly")}</Alert>
        )}
        <section>
          <h2 className="mb-3 text-sm font-semibold text-slate-700">{t("compliance.consents.list")}</h2>
          <DataTable
            t={t}
            testId="consent-table"
            pathname="/portal/compliance/consents"
            params={params}
            rows={rows}
            rowKey={(r) => r.id}
            total={total}
            page={list.page}
            pageSize={list.pageSize}
            empty={t("compliance.consents.empty")}
            columns={[
              {
                header: t("compliance.consents.createdAt"),
                cell: (r) => (
                  <Link
                    className="num font-medium text-brand-700 hover:underline"
                    href={`/portal/compliance/consents/${r.id}`}
                  >
                    {formatChinaDateTime(r.createdAt)}
                  </Link>
                ),
              },
              {
                header: t("compliance.consents.reason"),
                cell: (r) => <span className="line-clamp-2 max-w-md">{r.reason}</span>,
              },
              {
                header: t("compliance.consents.requested"),
                align: "right",
                cell: (r) => <span className="num">{r.requestedCount}</span>,
              },
              {
                header: t("compliance.consents.approved"),
                align: "right",
                cell: (r) => <span className="num">{r.status === "APPROVED" ? r.approvedCount : "—"}</span>,
              },
              {
                header: t("compliance.consents.validUntil"),
                cell: (r) =>
                  r.validUntil ? (
                    <span className="num">
                      {formatChinaDate(toChinaDate(new Date(r.validUntil.getTime() - 1)))} 24:00{" "}
                      {r.validUntil <= now ? <Badge tone="slate">{t("compliance.consents.expired")}</Badge> : null}
                    </span>
                  ) : (
                    "—"
                  ),
              },
              {
                header: t("compliance.consents.status"),
                cell: (r) => (
                  <span data-testid={`consent-status-${r.id}`}>
                    <RequestStateBadge t={t} status={r.status} />
                  </span>
                ),
              },
            ]}
          />
        </section>
      </div>
    </>
  );
}
