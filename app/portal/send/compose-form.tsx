"use client";
// Compose: content with a live character/segment counter (the same measure the platform bills),
// purpose, recipients (groups, contacts, pasted numbers), now or scheduled, a preview of who is
// skipped and why, then send.
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useI18n } from "@/app/_components/i18n";
import { errorMessage } from "@/app/_components/trpc-error";
import { Alert, Badge, Button, Card, Input, Label } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { PURPOSES } from "@/server/api-v1/schemas";
import { parseChinaDateTimeLocal } from "@/server/clock";
import { measureMessage, withSignature } from "@/server/smpp/codec/segment";

type Purpose = (typeof PURPOSES)[number];
interface Picked {
  id: string;
  name: string;
  mobile: string;
}

export function ComposeForm({
  signature,
  groups,
}: {
  signature: string;
  groups: { id: string; name: string; members: number }[];
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [content, setContent] = useState("");
  const [purpose, setPurpose] = useState<Purpose>("NOTICE");
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [picked, setPicked] = useState<Picked[]>([]);
  const [search, setSearch] = useState("");
  const [numbers, setNumbers] = useState("");
  const [mode, setMode] = useState<"now" | "scheduled">("now");
  const [scheduleLocal, setScheduleLocal] = useState("");

  const fullText = withSignature(content, signature);
  const measure = useMemo(() => measureMessage(fullText), [fullText]);
  const contacts = useQuery(trpc.sending.contacts.queryOptions({ search }, { enabled: search.trim().length > 0 }));

  const input = {
    purpose,
    content,
    groupIds,
    contactIds: picked.map((p) => p.id),
    numbers,
    scheduleAt: mode === "scheduled" ? parseChinaDateTimeLocal(scheduleLocal) : undefined,
  };
  // A scheduled send needs a time: without one nothing is previewed or sent (never "now" by mistake).
  const scheduleMissing = mode === "scheduled" && !input.scheduleAt;
  const inputKey = JSON.stringify(input);
  const preview = useMutation(trpc.sending.preview.mutationOptions());
  const send = useMutation(trpc.sending.send.mutationOptions());
  const [previewedKey, setPreviewedKey] = useState<string | null>(null);
  const p = preview.data;
  const stale = previewedKey !== null && previewedKey !== inputKey;
  const canSend =
    p &&
    !stale &&
    !scheduleMissing &&
    p.verdict !== "BLOCK" &&
    p.accepted > 0 &&
    p.segments <= p.quotaRemaining &&
    !send.isPending &&
    !send.data;

  function toggleGroup(id: string) {
    setGroupIds((ids) => (ids.includes(id) ? ids.filter((g) => g !== id) : [...ids, id]));
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-6">
        <Card title={t("portalSending.compose.content")}>
          <p className="mb-2 text-sm text-slate-600">
            {t("portalSending.compose.signature")}：
            <span className="font-medium" data-testid="compose-signature">
              【{signature}】
            </span>
          </p>
          <textarea
            id="compose-content"
            aria-label={t("portalSending.compose.content")}
            data-testid="compose-content"
            value={content}
            maxLength={1000}
            rows={5}
            onChange={(e) => setContent(e.target.value)}
            placeholder={t("portalSending.compose.contentPlaceholder")}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none"
          />
          <p className="mt-2 text-xs text-slate-500" data-testid="compose-counter">
            {t("portalSending.compose.counter", {
              chars: [...fullText].length,
              segments: content ? measure.segmentCount : 0,
            })}{" "}
            · {t("portalSending.compose.counterHint")}
          </p>
          <div className="mt-4">
            <Label htmlFor="compose-purpose">{t("portalSending.compose.purpose")}</Label>
            <select
              id="compose-purpose"
              value={purpose}
              onChange={(e) => setPurpose(e.target.value as Purpose)}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
            >
              {PURPOSES.map((value) => (
                <option key={value} value={value}>
                  {t(`portalSending.purposes.${value}`)}
                </option>
              ))}
            </select>
          </div>
        </Card>

        <Card title={t("portalSending.compose.recipients")}>
          <fieldset className="mb-4">
            <legend className="mb-2 text-sm font-medium text-slate-700">{t("portalSending.compose.groups")}</legend>
            {groups.length === 0 ? (
              <p className="text-sm text-slate-500">{t("portalSending.compose.noGroups")}</p>
            ) : null}
            <div className="flex flex-wrap gap-3">
              {groups.map((g) => (
                <label key={g.id} className="flex items-center gap-2 rounded border border-slate-200 px-2 py-1 text-sm">
                  <input
                    type="checkbox"
                    checked={groupIds.includes(g.id)}
                    onChange={() => toggleGroup(g.id)}
                    aria-label={g.name}
                  />
                  {g.name}{" "}
                  <span className="text-xs text-slate-500">
                    {t("portalSending.compose.groupMembers", { count: g.members })}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="mb-4">
            <Label htmlFor="compose-contact-search">{t("portalSending.compose.contacts")}</Label>
            <Input
              id="compose-contact-search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder={t("portalSending.compose.contactSearch")}
            />
            {contacts.data && search.trim() ? (
              <ul className="mt-1 max-h-48 overflow-y-auto rounded border border-slate-200 text-sm">
                {contacts.data
                  .filter((c) => !picked.some((x) => x.id === c.id))
                  .map((c) => (
                    <li key={c.id} className="flex items-center justify-between px-2 py-1 hover:bg-slate-50">
                      <span>
                        {c.name} <span className="num text-slate-500">{c.mobile}</span>
                      </span>
                      <button
                        type="button"
                        className="text-brand-700 hover:underline"
                        onClick={() => setPicked((list) => [...list, { id: c.id, name: c.name, mobile: c.mobile }])}
                      >
                        {t("portalSending.compose.add")}
                      </button>
                    </li>
                  ))}
              </ul>
            ) : null}
            {picked.length > 0 ? (
              <div className="mt-2 flex flex-wrap gap-2" aria-label={t("portalSending.compose.picked")}>
                {picked.map((c) => (
                  <span key={c.id} className="inline-flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5 text-xs">
                    {c.name} {c.mobile}
                    <button
                      type="button"
                      aria-label={`${t("portalSending.compose.remove")} ${c.name}`}
                      onClick={() => setPicked((list) => list.filter((x) => x.id !== c.id))}
                    >
                      ×
                    </button>
                  </span>
                ))}
              </div>
            ) : null}
          </div>
          <div>
            <Label htmlFor="compose-numbers">{t("portalSending.compose.numbers")}</Label>
            <textarea
              id="compose-numbers"
              value={numbers}
              onChange={(e) => setNumbers(e.target.value)}
              rows={3}
              placeholder={t("portalSending.compose.numbersPlaceholder")}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm shadow-sm focus:border-brand-500 focus:outline-none"
            />
          </div>
        </Card>

        <Card title={t("portalSending.compose.when")}>
          <div className="flex flex-wrap items-center gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name="when" checked={mode === "now"} onChange={() => setMode("now")} />
              {t("portalSending.compose.now")}
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="when" checked={mode === "scheduled"} onChange={() => setMode("scheduled")} />
              {t("portalSending.compose.scheduled")}
            </label>
            {mode === "scheduled" ? (
              <input
                type="datetime-local"
                aria-label={t("portalSending.compose.scheduleAt")}
                value={scheduleLocal}
                onChange={(e) => setScheduleLocal(e.target.value)}
                className="rounded-md border border-slate-300 px-2 py-1"
              />
            ) : null}
            {scheduleMissing ? (
              <span className="text-xs text-red-700" data-testid="compose-schedule-missing">
                {t("portalSending.compose.scheduleMissing")}
              </span>
            ) : null}
          </div>
        </Card>
      </div>

      <div className="space-y-4">
        <Card title={t("portalSending.compose.previewTitle")}>
          <Button
            type="button"
            variant="secondary"
            disabled={preview.isPending || !content.trim() || scheduleMissing}
            onClick={() => {
              setPreviewedKey(inputKey);
              send.reset();
              preview.mutate(input);
            }}
          >
            {preview.isPending ? t("portalSending.compose.previewing") : t("portalSending.compose.preview")}
          </Button>
          {preview.error ? (
            <div className="mt-3">
              <Alert tone="error" testId="preview-error">
                {errorMessage(preview.error)}
              </Alert>
            </div>
          ) : null}
          {p ? (
            <div className="mt-3 space-y-2 text-sm" data-testid="compose-preview">
              {stale ? <Alert tone="info">{t("portalSending.compose.changed")}</Alert> : null}
              <p className="rounded bg-slate-50 p-2 text-slate-700">
                <span className="text-xs text-slate-500">{t("portalSending.compose.fullText")}</span>
                <br />
                {p.fullText}
              </p>
              <ul className="space-y-1">
                <li>{t("portalSending.compose.previewRecipients", { count: p.recipients })}</li>
                <li className="font-medium text-emerald-700" data-testid="preview-accepted">
                  {t("portalSending.compose.previewAccepted", { count: p.accepted })}
                </li>
                {p.optedOut ? (
                  <li data-testid="preview-opted-out">
                    {t("portalSending.compose.previewOptedOut", { count: p.optedOut })}
                  </li>
                ) : null}
                {p.notAllowed ? (
                  <li data-testid="preview-not-allowed">
                    {t("portalSending.compose.previewNotAllowed", { count: p.notAllowed })}
                  </li>
                ) : null}
                {p.invalid ? (
                  <li data-testid="preview-invalid">
                    {t("portalSending.compose.previewInvalid", { count: p.invalid })}
                  </li>
                ) : null}
                <li>
                  {t("portalSending.compose.previewSegments", { segments: p.segments, per: p.segmentsPerMessage })}
                </li>
                <li className="text-slate-500">
                  {t("portalSending.compose.previewQuota", {
                    day: p.quotaDay,
                    remaining: p.quotaRemaining,
                    cap: p.dailyCap,
                  })}
                </li>
              </ul>
              {p.verdict === "BLOCK" ? (
                <Alert tone="error">
                  {t("portalSending.compose.previewBlocked", { terms: p.blockTerms.join("、") })}
                </Alert>
              ) : null}
              {p.verdict === "REVIEW" ? (
                <Alert tone="info">
                  {t("portalSending.compose.previewReview", { terms: p.reviewTerms.join("、") })}
                </Alert>
              ) : null}
              {p.accepted === 0 ? <Alert tone="error">{t("portalSending.compose.previewNobody")}</Alert> : null}
              {p.segments > p.quotaRemaining ? (
                <Alert tone="error">{t("portalSending.compose.previewOverCap")}</Alert>
              ) : null}
              <Button type="button" disabled={!canSend} onClick={() => send.mutate(input)} data-testid="compose-send">
                {send.isPending ? t("portalSending.compose.sending") : t("portalSending.compose.send")}
              </Button>
            </div>
          ) : null}
          {send.error ? (
            <div className="mt-3">
              <Alert tone="error" testId="send-error">
                {errorMessage(send.error)}
              </Alert>
            </div>
          ) : null}
          {send.data ? (
            <div className="mt-3 space-y-2" data-testid="compose-sent">
              <Alert tone="success">
                {t("portalSending.compose.sent", { accepted: send.data.accepted, skipped: send.data.skipped })}
              </Alert>
              <Badge tone="blue">{t(`portalSending.jobStatuses.${send.data.status}`)}</Badge>{" "}
              <Link
                href={`/portal/jobs/${send.data.jobId}`}
                className="text-sm font-medium text-brand-700 hover:underline"
                data-testid="compose-job-link"
              >
                {t("portalSending.compose.viewJob")}
              </Link>
            </div>
          ) : null}
        </Card>
      </div>
    </div>
  );
}
