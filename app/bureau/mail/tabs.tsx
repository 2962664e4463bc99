// The two views of /bureau/mail: the reminder log and the caught mail.
import { TabNav } from "@/app/_components/tabs";
import type { Translate } from "@/server/i18n";

export function MailTabs({ t, current }: { t: Translate; current: "reminders" | "caught" }) {
  return (
    <TabNav
      label={t("mail.title")}
      items={[
        { href: "/bureau/mail", label: t("mail.tabs.reminders"), active: current === "reminders" },
        { href: "/bureau/mail/caught", label: t("mail.tabs.caught"), active: current === "caught" },
      ]}
    />
  );
}
