import Link from "next/link";
import { ListTable } from "@/app/_components/data-table";
import { requireCustomer } from "@/app/_components/guards";
import { Alert, Badge, Card, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { CreateKeyForm, RevokeKeyButton, WebhookForm } from "./api-actions";

export default async function ApiPage() {
  const user = await requireCustomer();
  const { t } = await currentTranslator();
  const isAdmin = user.role === "CUSTOMER_ADMIN";
  const caller = await api();
  const [keys, webhook] = await Promise.all([caller.apiKeys.list(), caller.apiKeys.webhook()]);
  const at = (d: Date | null) => (d ? formatChinaDateTime(d) : "—");
  return (
    <>
      <PageHeader
        title={t("api.page.title")}
        intro={t("api.page.intro")}
        actions={
          <Link href="/portal/api/docs" className="text-sm font-medium text-brand-700 hover:underline">
            {t("api.page.docsLink")}
          </Link>
        }
      />
      <div className="space-y-6">
        {isAdmin ? null : <Alert tone="info">{t("api.page.readOnly")}</Alert>}
        <Card title={t("api.keys.title")}>
          <p className="mb-4 text-sm text-slate-500">{t("api.keys.intro")}</p>
          {isAdmin ? <CreateKeyForm /> : null}
        </Card>
        <ListTable
          t={t}
          testId="api-key-table"
          rows={keys}
          rowKey={(k) => k.id}
          empty={t("api.keys.empty")}
          columns={[
            { header: t("api.keys.name"), cell: (k) => k.name },
            { header: t("api.keys.prefix"), cell: (k) => <code className="text-xs">{k.prefix}…</code> },
            { header: t("api.keys.createdBy"), cell: (k) => k.createdBy ?? "—" },
            { header: t("api.keys.createdAt"), cell: (k) => <span className="num">{at(k.createdAt)}</span> },
            {
              header: t("api.keys.lastUsed"),
              cell: (k) => (
                <span className="num" data-testid={`key-last-used-${k.prefix}`}>
                  {k.lastUsedAt ? at(k.lastUsedAt) : t("api.keys.neverUsed")}
                </span>
              ),
            },
            {
              header: t("api.keys.status"),
              cell: (k) =>
                k.revokedAt ? (
                  <Badge tone="slate">{t("api.keys.revokedAt", { at: at(k.revokedAt) })}</Badge>
                ) : (
                  <Badge tone="green">{t("api.keys.active")}</Badge>
                ),
            },
            ...(isAdmin
              ? [
                  {
                    header: t("app.actions"),
                    cell: (k: (typeof keys)[number]) =>
                      k.revokedAt ? null : <RevokeKeyButton apiKeyId={k.id} name={k.name} />,
                  },
                ]
              : []),
          ]}
        />
        <Card title={t("api.webhook.title")}>
          <p className="mb-4 text-sm text-slate-500">{t("api.webhook.intro")}</p>
          <WebhookForm endpoint={webhook.endpoint} canEdit={isAdmin} />
        </Card>
        <section>
          <h2 className="mb-3 text-sm font-semibold text-slate-700">{t("api.webhook.deliveries")}</h2>
          <ListTable
            t={t}
            testId="webhook-deliveries"
            rows={webhook.deliveries}
            rowKey={(d) => d.id}
            empty={t("api.webhook.deliveriesEmpty")}
            columns={[
              { header: t("api.webhook.createdAt"), cell: (d) => <span className="num">{at(d.createdAt)}</span> },
              { header: t("api.webhook.messageId"), cell: (d) => <span className="num">{d.messageId}</span> },
              {
                header: t("api.webhook.deliveryStatus"),
                cell: (d) => (
                  <Badge tone={d.status === "DELIVERED" ? "green" : d.status === "FAILED" ? "red" : "amber"}>
                    {t(`api.webhook.statuses.${d.status}`)}
                  </Badge>
                ),
              },
              { header: t("api.webhook.attempts"), align: "right", cell: (d) => d.attempts },
              {
                header: t("api.webhook.lastResult"),
                cell: (d) => d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : "—"),
              },
              {
                header: t("api.webhook.nextAttempt"),
                cell: (d) => (d.status === "PENDING" ? <span className="num">{at(d.nextAttemptAt)}</span> : "—"),
              },
            ]}
          />
        </section>
      </div>
    </>
  );
}
