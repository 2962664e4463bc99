"use client";
// Step two of an import: the preview (counters, per-row problems, the first rows), then the run.
// Confirming starts the run as one long request that writes batch after batch; meanwhile this page
// polls the import's counters and shows them as a progress bar. An interrupted run resumes from
// where it stopped.
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Alert, Badge, Button, Card } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import type { ImportView } from "@/server/addressbook/import";
import { formatChinaDateTime } from "@/server/clock";
import { formatMobile } from "@/server/phone";
import { IMPORT_TONES } from "../import-status";

const POLL_MS = 400;

function Stat({ label, value, testId, tone }: { label: string; value: number; testId: string; tone?: "warn" | "ok" }) {
  const color = tone === "warn" && value > 0 ? "text-amber-600" : tone === "ok" ? "text-emerald-700" : "text-slate-900";
  return (
    <div className="rounded-md border border-slate-200 bg-white px-4 py-3">
      <div className="text-xs text-slate-500">{label}</div>
      <div className={`num mt-1 text-2xl font-semibold ${color}`} data-testid={testId}>
        {value.toLocaleString()}
      </div>
    </div>
  );
}

export function ImportRun({ initial }: { initial: ImportView }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const [started, setStarted] = useState(false);
  const run = useMutation(trpc.addressbook.imports.run.mutationOptions());
  const discard = useMutation(
    trpc.addressbook.imports.discard.mutationOptions({ onSuccess: () => router.push("/portal/contacts/import") }),
  );
  const polling = run.isPending || initial.status === "RUNNING";
  const query = useQuery(
    trpc.addressbook.imports.get.queryOptions(
      { id: initial.id },
      { initialData: initial, refetchInterval: polling ? POLL_MS : false, staleTime: 0 },
    ),
  );
  const view = run.data ?? query.data ?? initial;
  // The preview's problems and sample are kept when the counters come back without them.
  const problems = initial.problems;
  const errorRowsShown = problems.filter((p) => p.problem !== "ALREADY_IN_BOOK").length;
  const percent = view.validRows === 0 ? 100 : Math.floor((view.processedRows / view.validRows) * 100);
  const running = view.status === "RUNNING" || run.isPending;

  function start() {
    setStarted(true);
    run.mutate({ id: initial.id }, { onSettled: () => void query.refetch() });
  }

  return (
    <div className="space-y-6">
      <div className="flex items-center gap-2 text-sm">
        <Badge tone={IMPORT_TONES[view.status]}>{t(`addressbook.import.statuses.${view.status}`)}</Badge>
        {view.groupName ? (
          <span className="text-slate-600">{t("addressbook.import.preview.group", { name: view.groupName })}</span>
        ) : null}
        {view.finishedAt ? (
          <span className="text-slate-500">
            {t("addressbook.misc.completedAt", { at: formatChinaDateTime(view.finishedAt) })}
          </span>
        ) : null}
      </div>

      <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        <Stat label={t("addressbook.import.preview.total")} value={view.totalRows} testId="import-total" />
        <Stat label={t("addressbook.import.preview.valid")} value={view.validRows} testId="import-valid" tone="ok" />
        <Stat
          label={t("addressbook.import.preview.invalid")}
          value={view.invalidRows}
          testId="import-invalid"
          tone="warn"
        />
        <Stat
          label={t("addressbook.import.preview.duplicate")}
          value={view.duplicateRows}
          testId="import-duplicate"
          tone="warn"
        />
        {initial.alreadyInBook !== null ? (
          <Stat
            label={t("addressbook.import.preview.alreadyInBook")}
            value={initial.alreadyInBook}
            testId="import-already"
          />
        ) : null}
      </div>

      {view.status === "PREVIEWED" && !started ? (
        <Card>
          {view.validRows === 0 ? (
            <Alert tone="error">{t("addressbook.import.preview.noValid")}</Alert>
          ) : (
            <p className="mb-3 text-sm text-slate-600">{t("addressbook.import.updateRule")}</p>
          )}
          <div className="mt-3 flex flex-wrap gap-2">
            <Button onClick={start} disabled={view.validRows === 0} data-testid="import-confirm">
              {t("addressbook.import.preview.confirm", { count: view.validRows.toLocaleString() })}
            </Button>
            <Button variant="secondary" onClick={() => discard.mutate({ id: initial.id })} disabled={discard.isPending}>
              {t("addressbook.import.preview.discard")}
            </Button>
          </div>
          {discard.error ? (
            <div className="mt-3">
              <Alert tone="error">{errorMessage(discard.error)}</Alert>
            </div>
          ) : null}
        </Card>
      ) : (
        <Card
          title={
            view.status === "COMPLETED" ? t("addressbook.import.result.title") : t("addressbook.import.progress.title")
          }
        >
          <div className="space-y-3">
            <div className="flex items-center justify-between text-sm text-slate-600">
              <span>
                {t("addressbook.import.progress.label", {
                  done: view.processedRows.toLocaleString(),
                  total: view.validRows.toLocaleString(),
                })}
              </span>
              <span className="num font-medium" data-testid="import-percent">
                {percent}%
              </span>
            </div>
            <div
              className="h-3 w-full overflow-hidden rounded-full bg-slate-100"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-label={t("addressbook.import.progress.title")}
              data-testid="import-progress"
            >
              <div
                className={`h-full rounded-full transition-[width] duration-300 ${view.status === "FAILED" ? "bg-red-500" : "bg-brand-600"}`}
                style={{ width: `${percent}%` }}
              />
            </div>
            {running ? <p className="text-xs text-slate-500">{t("addressbook.misc.running")}</p> : null}
            {view.status === "FAILED" && !run.isPending ? (
              <div className="space-y-2">
                <Alert tone="error">
                  {t("addressbook.import.progress.interrupted", { done: view.processedRows.toLocaleString() })}
                </Alert>
                <Button onClick={start}>{t("addressbook.import.progress.resume")}</Button>
              </div>
            ) : null}
            {view.status === "RUNNING" && !run.isPending ? (
              // Running, but not from this page: another tab, or a server that stopped mid-way and left the
              // state behind. Continuing is safe either way: batches take a lock and re-read the progress.
              <Button variant="secondary" onClick={start}>
                {t("addressbook.import.progress.resume")}
              </Button>
            ) : null}
            {run.error ? <Alert tone="error">{errorMessage(run.error)}</Alert> : null}
            {view.status === "COMPLETED" ? (
              <div className="space-y-3">
                <div className="grid grid-cols-3 gap-3">
                  <Stat
                    label={t("addressbook.import.result.created")}
                    value={view.importedRows}
                    testId="import-created"
                    tone="ok"
                  />
                  <Stat
                    label={t("addressbook.import.result.updated")}
                    value={view.updatedRows}
                    testId="import-updated"
                  />
                  <Stat
                    label={t("addressbook.import.result.skipped")}
                    value={view.invalidRows + view.duplicateRows}
                    testId="import-skipped"
                    tone="warn"
                  />
                </div>
                <Link
                  href="/portal/contacts"
                  className="inline-block rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
                >
                  {t("addressbook.import.result.show")}
                </Link>
              </div>
            ) : null}
          </div>
        </Card>
      )}

      {problems.length > 0 ? (
        <section>
          <h2 className="mb-1 text-sm font-semibold text-slate-700">{t("addressbook.import.preview.problemsTitle")}</h2>
          <p className="mb-3 text-xs text-slate-500">
            {t("addressbook.import.preview.problemsNote")}
            {errorRowsShown < view.invalidRows + view.duplicateRows
              ? ` ${t("addressbook.import.preview.problemsTruncated", { count: errorRowsShown })}`
              : null}
          </p>
          <div className="max-h-96 overflow-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="import-problems">
              <thead className="sticky top-0 bg-slate-50">
                <tr>
                  <th className="px-4 py-2 text-left font-medium text-slate-600">
                    {t("addressbook.import.preview.row")}
                  </th>
                  <th className="px-4 py-2 text-left font-medium text-slate-600">
                    {t("addressbook.import.preview.problem")}
                  </th>
                  <th className="px-4 py-2 text-left font-medium text-slate-600">{t("addressbook.fields.name")}</th>
                  <th className="px-4 py-2 text-left font-medium text-slate-600">{t("addressbook.fields.mobile")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {problems.map((p) => (
                  <tr key={`${p.row}-${p.problem}`} data-testid={`problem-row-${p.row}`}>
                    <td className="num px-4 py-2">{p.row}</td>
                    <td className="px-4 py-2">
                      <Badge tone={p.problem === "ALREADY_IN_BOOK" ? "blue" : "red"}>
                        {t(`addressbook.import.problems.${p.problem}`, { row: p.firstRow ?? "" })}
                      </Badge>
                    </td>
                    <td className="px-4 py-2">{p.name}</td>
                    <td className="num px-4 py-2">{p.mobile}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {initial.sample.length > 0 && view.status === "PREVIEWED" ? (
        <section>
          <h2 className="mb-3 text-sm font-semibold text-slate-700">
            {t("addressbook.import.preview.sampleTitle", { count: initial.sample.length })}
          </h2>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="import-sample">
              <thead className="bg-slate-50">
                <tr>
                  {[
                    t("addressbook.import.preview.row"),
                    t("addressbook.fields.name"),
                    t("addressbook.fields.mobile"),
                    t("addressbook.fields.kind"),
                    t("addressbook.fields.groups"),
                    t("addressbook.fields.tags"),
                    t("addressbook.fields.note"),
                  ].map((h) => (
                    <th key={h} className="px-4 py-2 text-left font-medium text-slate-600">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {initial.sample.map((r) => (
                  <tr key={r.row}>
                    <td className="num px-4 py-2">{r.row}</td>
                    <td className="px-4 py-2">{r.name}</td>
                    <td className="num px-4 py-2 whitespace-nowrap">{formatMobile(r.mobile)}</td>
                    <td className="px-4 py-2">{t(`addressbook.kinds.${r.kind}`)}</td>
                    <td className="px-4 py-2">{r.groups.join("、")}</td>
                    <td className="px-4 py-2">{r.tags.join("、")}</td>
                    <td className="px-4 py-2 text-slate-600">{r.note ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
