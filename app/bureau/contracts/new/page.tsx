import { requireStaff } from "@/app/_components/guards";
import { PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDate, toChinaDate } from "@/server/clock";
import { defaultEndDate, firstOfNextMonth } from "@/server/contracts/validity";
import { INITIAL_TERM_YEARS } from "@/server/contracts/registration";
import { currentTranslator } from "@/server/i18n/current";
import { PaperContractForm } from "./paper-form";

export default async function NewPaperContractPage() {
  await requireStaff("SALES");
  const { t } = await currentTranslator();
  const config = await (await api()).settings.get();
  const now = new Date();
  const start = firstOfNextMonth(now);
  return (
    <>
      <PageHeader title={t("contracts.review.paperTitle")} />
      <PaperContractForm
        today={formatChinaDate(toChinaDate(now))}
        defaults={{
          packageCode: "BASIC",
          startDate: formatChinaDate(start),
          endDate: formatChinaDate(defaultEndDate(start, INITIAL_TERM_YEARS)),
          paymentWindowStartDay: config.paymentWindowStartDay,
          paymentWindowEndDay: config.paymentWindowEndDay,
          graceDays: config.graceDays,
          lateFeeRatePpm: config.lateFeeRatePpm,
          suspensionAfterDays: config.suspensionAfterDays,
          changeCutoffDay: config.changeCutoffDay,
          renewalYears: config.renewalYears,
          objectionNoticeDays: config.objectionNoticeDays,
          arbitrationCommission: config.arbitrationCommission,
          depositFen: config.depositFen,
          freePackageDailyCap: config.freePackageDailyCap,
          signingPlace: config.signingPlace,
        }}
      />
    </>
  );
}
