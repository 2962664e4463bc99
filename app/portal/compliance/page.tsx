import { DataTable } from "@/app/_components/data-table";
import { requireCustomer } from "@/app/_components/guards";
import { Alert, Card, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { SignatureForm, WithdrawSignatureButton } from "./signature-actions";
import { RequestStateBadge } from "./status-badge";

export default async function SignaturePage() {
  const user = await requireCustomer();
  const { t } = await currentTranslator();
  const isAdmin = user.role === "CUSTOMER_ADMIN";
  const { current, history } = await (await api()).compliance.signature.mine();
  const pending = history.some((h) => h.status === "PENDING");
  return (
    <>
      <PageHeader title={t("compliance.signature.title")} intro={t("compliance.signature.intro")} />
      <div className="space-y-6">
        <Card title={t("compliance.signature.current")}>
          {current ? (
            <p className="text-lg font-medium text-slate-900" data-testid="current-signature">
              【{current}】
            </p>
          ) : (
            <Alert tone="info" testId="no-signature">
              {t("compliance.signature.none")}
            </Alert>
          )}
        </Card>
        {isAdmin ? (
          pending ? null : (
            <Card title={t("compliance.signature.apply")}>
              <SignatureForm />
            </Card>
          )
        ) : (
          <Alert tone="info">{t("compliance.signature.adminOnly")}</Alert>
        )}
        <section>
          <h2 className="mb-3 text-sm font-semibold text-slate-700">{t("compliance.signature.history")}</h2>
          <DataTable
            t={t}
            testId="signature-history"
            pathname="/portal/compliance"
            params={{}}
            rows={history}
            rowKey={(h) => h.id}
            total={history.length}
            page={1}
            pageSize={Math.max(1, history.length)}
            empty={t("compliance.signature.empty")}
            columns={[
              { header: t("compliance.signature.title"), cell: (h) => `【${h.text}】` },
              {
                header: t("compliance.signature.createdAt"),
                cell: (h) => <span className="num">{formatChinaDateTime(h.createdAt)}</span>,
              },
              {
                header: t("compliance.consents.status"),
                cell: (h) => (
                  <span data-testid={`signature-status-${h.text}`}>
                    <RequestStateBadge t={t} status={h.status} />
                  </span>
                ),
              },
              {
                header: t("compliance.signature.decidedAt"),
                cell: (h) => <span className="num">{h.decidedAt ? formatChinaDateTime(h.decidedAt) : "—"}</span>,
              },
              { header: t("compliance.signature.decisionNote"), cell: (h) => h.decisionNote ?? "—" },
              ...(isAdmin
                ? [
                    {
                      header: t("app.actions"),
                      cell: (h: (typeof history)[number]) =>
                        h.status === "PENDING" ? <WithdrawSignatureButton id={h.id} /> : null,
                    },
                  ]
                : []),
            ]}
          />
        </section>
      </div>
    </>
  );
}
