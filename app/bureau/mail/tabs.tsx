// The two views of /bureau/mail: the reminder log and the caught mail.
import Link from "next/link";
import type { Translate } from "@/server/i18n";

export function MailTabs({ t, current }: { t: Translate; current: "reminders" | "caught" }) {
  const tabs = [
    { key: "reminders" as const, href: "/bureau/mail", label: t("mail.tabs.reminders") },
    { key: "caught" as const, href: "/bureau/mail/caught", label: t("mail.tabs.caught") },
  ];
  return (
    <nav className="mb-6 flex gap-1 border-b border-slate-200 text-sm">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 ${tab.key === current ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
