import { requireStaff } from "@/app/_components/guards";
import { PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { currentUser } from "@/server/auth/current";
import { currentTranslator } from "@/server/i18n/current";
import { SettingsForm } from "./settings-form";

export default async function SettingsPage() {
  await requireStaff();
  const { t } = await currentTranslator();
  const [config, user] = await Promise.all([(await api()).settings.get(), currentUser()]);
  const { updatedAt: _updatedAt, id: _id, ...values } = config;
  return (
    <>
      <PageHeader title={t("bureau.settings.title")} intro={t("bureau.settings.intro")} />
      <SettingsForm initial={values} editable={user?.role === "BUREAU_ADMIN"} />
    </>
  );
}
