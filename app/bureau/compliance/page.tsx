import { requireStaff } from "@/app/_components/guards";
import { PageHeader, StatCard } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { currentTranslator } from "@/server/i18n/current";

export default async function ComplianceHome() {
  await requireStaff("COMPLIANCE");
  const { t } = await currentTranslator();
  const s = await (await api()).compliance.summary();
  const warn = (n: number) => (n > 0 ? "warn" : "default");
  return (
    <>
      <PageHeader title={t("compliance.overview.title")} intro={t("compliance.overview.intro")} />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatCard
          label={t("compliance.overview.heldJobs")}
          value={s.heldJobs}
          href="/bureau/compliance/review"
          tone={warn(s.heldJobs)}
        />
        <StatCard
          label={t("compliance.overview.pendingSignatures")}
          value={s.pendingSignatures}
          href="/bureau/compliance/signatures"
          tone={warn(s.pendingSignatures)}
        />
        <StatCard
          label={t("compliance.overview.pendingConsents")}
          value={s.pendingConsents}
          href="/bureau/compliance/consents"
          tone={warn(s.pendingConsents)}
        />
        <StatCard
          label={t("compliance.overview.violations")}
          value={s.violations}
          href="/bureau/compliance/violations"
        />
        <StatCard
          label={t("compliance.overview.blockTerms")}
          value={s.blockTerms}
          href="/bureau/compliance/lexicon?action=BLOCK"
        />
        <StatCard
          label={t("compliance.overview.reviewTerms")}
          value={s.reviewTerms}
          href="/bureau/compliance/lexicon?action=REVIEW"
        />
        <StatCard label={t("compliance.overview.optOuts")} value={s.optOuts} href="/bureau/compliance/opt-outs" />
      </div>
    </>
  );
}
