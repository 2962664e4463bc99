import Link from "next/link";
import { orNotFound, requireStaff } from "@/app/_components/guards";
import { Card, Fields, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { RunStatusBadge } from "../status-badge";

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? "null";
}

export default async function JobRunPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff("BUREAU_ADMIN");
  const { id } = await params;
  const { t } = await currentTranslator();
  const run = await orNotFound((await api()).jobs.get({ id }));
  const time = (d: Date | null) => (d ? formatChinaDateTime(d, true) : "—");
  return (
    <>
      <PageHeader
        title={t("bureau.jobs.runTitle", { id: run.id })}
        actions={
          <Link href="/bureau/jobs" className="text-sm text-slate-500 hover:text-slate-800">
            ← {t("app.back")}
          </Link>
        }
      />
      <Card className="mb-6">
        <Fields
          items={[
            { label: t("bureau.jobs.function"), value: <code>{run.functionId}</code> },
            {
              label: t("bureau.jobs.status"),
              value: <RunStatusBadge t={t} status={run.status} />,
              testId: "run-status",
            },
            { label: t("bureau.jobs.trigger"), value: run.trigger },
            { label: t("bureau.jobs.event"), value: <code className="text-xs">{run.eventName}</code> },
            { label: t("bureau.jobs.attempts"), value: `${run.attempts}/${run.maxAttempts}` },
            { label: t("bureau.jobs.scheduledFor"), value: time(run.scheduledFor) },
            { label: t("bureau.jobs.createdAt"), value: time(run.createdAt) },
            { label: t("bureau.jobs.startedAt"), value: time(run.startedAt) },
            { label: t("bureau.jobs.finishedAt"), value: time(run.finishedAt) },
            { label: t("bureau.jobs.nextAttemptAt"), value: run.status === "QUEUED" ? time(run.nextAttemptAt) : "—" },
            { label: t("bureau.jobs.leaseOwner"), value: run.leaseOwner ?? "—" },
          ]}
        />
        {run.lastError ? (
          <pre className="mt-4 whitespace-pre-wrap rounded bg-red-50 p-3 text-xs text-red-800">{run.lastError}</pre>
        ) : null}
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("bureau.jobs.eventData")}>
          <pre className="overflow-x-auto text-xs">{json(run.eventData)}</pre>
        </Card>
        <Card title={t("bureau.jobs.output")}>
          <pre className="overflow-x-auto text-xs" data-testid="run-output">
            {json(run.output)}
          </pre>
        </Card>
      </div>
      <Card title={t("bureau.jobs.steps")} className="mt-6">
        {run.steps.length === 0 ? (
          <p className="text-sm text-slate-500">{t("bureau.jobs.noSteps")}</p>
        ) : (
          <ol className="space-y-3 text-sm">
            {run.steps.map((s) => (
              <li key={s.stepId}>
                <div className="flex items-baseline justify-between gap-4">
                  <code className="font-medium">{s.stepId}</code>
                  <span className="num text-xs text-slate-500">
                    {t("bureau.jobs.completedAt")} {time(s.completedAt)}
                  </span>
                </div>
                <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs">{json(s.output)}</pre>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </>
  );
}
