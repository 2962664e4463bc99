// The address book's three screens as tabs: contacts, groups, import.
import { TabNav } from "@/app/_components/tabs";
import type { Translate } from "@/server/i18n";

const TABS = [
  { key: "contacts", href: "/portal/contacts" },
  { key: "groups", href: "/portal/contacts/groups" },
  { key: "import", href: "/portal/contacts/import" },
] as const;

export function ContactsNav({ t, active }: { t: Translate; active: (typeof TABS)[number]["key"] }) {
  return (
    <TabNav
      className="mb-4"
      label={t("addressbook.list.title")}
      items={TABS.map((tab) => ({
        href: tab.href,
        label: t(`addressbook.tabs.${tab.key}`),
        active: tab.key === active,
      }))}
    />
  );
}
