import Link from "next/link";
import { ChangeSetTable, RequestStatusBadge } from "@/app/_components/change-request";
import { orNotFound, requireStaff } from "@/app/_components/guards";
import { Alert, Card, Fields, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { DecisionPanel } from "./decision-panel";

export default async function ChangeRequestPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff("SALES");
  const { id } = await params;
  const { t } = await currentTranslator();
  const request = await orNotFound((await api()).enterpriseChanges.get({ id }));
  const person = (p: { name: string; email: string } | null) => (p ? `${p.name} <${p.email}>` : "—");
  return (
    <>
      <PageHeader
        title={`${t("team.review.detail")} · ${request.enterprise.name}`}
        intro={`${t("party.uscc")} ${request.enterprise.uscc}`}
        actions={
          <Link href="/bureau/change-requests" className="text-sm text-slate-500 hover:text-slate-800">
            ← {t("app.back")}
          </Link>
        }
      />
      <div className="space-y-6">
        <Card>
          <Fields
            items={[
              {
                label: t("team.review.status"),
                value: <RequestStatusBadge t={t} status={request.status} />,
                testId: "change-request-status",
              },
              {
                label: t("team.review.enterprise"),
                value: (
                  <Link className="text-brand-700 hover:underline" href={`/bureau/customers/${request.enterprise.id}`}>
                    {request.enterprise.name}
                  </Link>
                ),
              },
              { label: t("team.review.requestedBy"), value: person(request.requestedBy) },
              {
                label: t("team.review.requestedAt"),
                value: <span className="num">{formatChinaDateTime(request.requestedAt)}</span>,
              },
              ...(request.decidedAt
                ? [
                    { label: t("team.review.decidedBy"), value: person(request.decidedBy) },
                    {
                      label: t("team.changes.decidedAt"),
                      value: <span className="num">{formatChinaDateTime(request.decidedAt)}</span>,
                    },
                  ]
                : []),
            ]}
          />
          {request.decisionNote ? (
            <div className="mt-4">
              <Alert tone="info">{t("team.changes.reason", { reason: request.decisionNote })}</Alert>
            </div>
          ) : null}
        </Card>
        <ChangeSetTable t={t} changes={request.changes} testId="change-set" />
        {request.status === "PENDING" ? <DecisionPanel id={request.id} /> : null}
      </div>
    </>
  );
}
