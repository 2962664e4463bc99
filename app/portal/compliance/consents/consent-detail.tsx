// One consent application as both sides see it: the request, the letter, the decision and the numbers.
import { Card, Fields } from "@/app/_components/ui";
import { formatChinaDate, formatChinaDateTime, toChinaDate } from "@/server/clock";
import type { getConsent } from "@/server/compliance/consents";
import type { Translate } from "@/server/i18n";
import { RequestStateBadge } from "../status-badge";

type Consent = Awaited<ReturnType<typeof getConsent>>;

const person = (p: { name: string; email: string } | null) => (p ? `${p.name}（${p.email}）` : "—");

export function ConsentDetail({
  t,
  consent,
  letterHref,
  shown,
}: {
  t: Translate;
  consent: Consent;
  letterHref: string;
  shown: number;
}) {
  const validUntil = consent.validUntil
    ? `${formatChinaDate(toChinaDate(new Date(consent.validUntil.getTime() - 1)))} 24:00`
    : "—";
  return (
    <div className="space-y-6">
      <Card>
        <Fields
          items={[
            { label: t("compliance.consents.enterprise"), value: consent.enterprise.name },
            {
              label: t("compliance.consents.status"),
              value: <RequestStateBadge t={t} status={consent.status} />,
              testId: "consent-status",
            },
            {
              label: t("compliance.consents.reason"),
              value: <span className="whitespace-pre-wrap">{consent.reason}</span>,
            },
            {
              label: t("compliance.consents.createdBy"),
              value: `${person(consent.createdBy)} · ${formatChinaDateTime(consent.createdAt)}`,
            },
            {
              label: t("compliance.consents.letterFile"),
              value: (
                <a
                  className="text-brand-700 hover:underline"
                  href={letterHref}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="consent-letter"
                >
                  {t("compliance.consents.download")}：{consent.letterFileName}（
                  {Math.max(1, Math.round(consent.letterSize / 1024))} KB）
                </a>
              ),
            },
            {
              label: t("compliance.consents.validUntil"),
              value: <span className="num">{validUntil}</span>,
              testId: "consent-valid-until",
            },
            {
              label: t("compliance.consents.decidedBy"),
              value: consent.decidedAt
                ? `${person(consent.decidedBy)} · ${formatChinaDateTime(consent.decidedAt)}`
                : "—",
            },
            { label: t("compliance.consents.decisionNote"), value: consent.decisionNote ?? "—" },
          ]}
        />
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <NumberList
          t={t}
          title={`${t("compliance.consents.requestedNumbers")}（${consent.requestedCount}）`}
          numbers={consent.requestedNumbers}
          total={consent.requestedCount}
          shown={shown}
          testId="requested-numbers"
        />
        {consent.status === "APPROVED" ? (
          <NumberList
            t={t}
            title={`${t("compliance.consents.approvedNumbers")}（${consent.approvedCount}）`}
            numbers={consent.approvedNumbers}
            total={consent.approvedCount}
            shown={shown}
            testId="approved-numbers"
          />
        ) : null}
      </div>
    </div>
  );
}

function NumberList({
  t,
  title,
  numbers,
  total,
  shown,
  testId,
}: {
  t: Translate;
  title: string;
  numbers: string[];
  total: number;
  shown: number;
  testId: string;
}) {
  return (
    <Card title={title}>
      <ul className="num grid max-h-64 grid-cols-2 gap-x-4 overflow-y-auto text-sm sm:grid-cols-3" data-testid={testId}>
        {numbers.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      {total > numbers.length ? (
        <p className="mt-2 text-xs text-slate-500">{t("compliance.consents.shownFirst", { count: shown })}</p>
      ) : null}
    </Card>
  );
}
