// The address book's three screens as tabs: contacts, groups, import.
import Link from "next/link";
import type { Translate } from "@/server/i18n";

const TABS = [
  { key: "contacts", href: "/portal/contacts" },
  { key: "groups", href: "/portal/contacts/groups" },
  { key: "import", href: "/portal/contacts/import" },
] as const;

export function ContactsNav({ t, active }: { t: Translate; active: (typeof TABS)[number]["key"] }) {
  return (
    <nav className="mb-4 flex gap-1 border-b border-slate-200 text-sm" aria-label={t("addressbook.list.title")}>
      {TABS.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === active ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 ${tab.key === active ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
        >
          {t(`addressbook.tabs.${tab.key}`)}
        </Link>
      ))}
    </nav>
  );
}
