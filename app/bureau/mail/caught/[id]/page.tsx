// One caught mail: its headers, its text and its attachments (downloadable).
import Link from "next/link";
import { requireStaff } from "@/app/_components/guards";
import { Card, Fields, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { MailTabs } from "../../tabs";

export default async function CaughtMailDetailPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff("FINANCE");
  const { id } = await params;
  const { t } = await currentTranslator();
  const mail = await (await api()).mail.caughtMail({ id });
  return (
    <>
      <PageHeader
        title={mail.subject || "—"}
        actions={
          <Link href="/bureau/mail/caught" className="text-sm text-brand-700 hover:underline">
            {t("mail.caught.backToList")}
          </Link>
        }
      />
      <MailTabs t={t} current="caught" />
      <div className="space-y-6">
        <Card title={t("mail.caught.headers")}>
          <Fields
            items={[
              { label: t("mail.caught.from"), value: mail.fromHeader },
              { label: t("mail.caught.to"), value: mail.toHeader, testId: "mail-to" },
              { label: t("mail.caught.subject"), value: mail.subject, testId: "mail-subject" },
              { label: t("mail.caught.receivedAt"), value: formatChinaDateTime(mail.receivedAt, true) },
              { label: t("mail.caught.messageId"), value: <code className="text-xs">{mail.messageId ?? "—"}</code> },
              { label: t("mail.caught.envelopeFrom"), value: mail.envelopeFrom || "—" },
              { label: t("mail.caught.envelopeTo"), value: mail.envelopeTo.join(", ") },
              { label: t("mail.caught.size"), value: t("mail.caught.bytes", { size: mail.size }) },
            ]}
          />
        </Card>
        <Card title={t("mail.caught.text")}>
          <pre className="whitespace-pre-wrap break-words text-sm text-slate-800" data-testid="mail-text">
            {mail.text}
          </pre>
        </Card>
        <Card title={t("mail.caught.attachments")}>
          {mail.attachments.length === 0 ? (
            <p className="text-sm text-slate-500">{t("mail.caught.noAttachments")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="mail-attachments">
              {mail.attachments.map((a, i) => (
                <li key={a.id} className="flex items-center justify-between py-2">
                  <span>
                    {a.filename}{" "}
                    <span className="text-xs text-slate-500">
                      {a.contentType} · {t("mail.caught.bytes", { size: a.size })}
                    </span>
                  </span>
                  <a
                    href={`/bureau/mail/attachments/${a.id}`}
                    className="text-brand-700 hover:underline"
                    data-testid={`attachment-download-${i}`}
                  >
                    {t("mail.caught.download")}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
