import { requireStaff } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams } from "@/app/_components/list-params";
import { Alert, Button, Card, EmptyState, Input, PageHeader } from "@/app/_components/ui";
import { OptOutTable } from "@/app/portal/compliance/opt-outs/opt-out-table";
import { api } from "@/server/api/server";
import { currentTranslator } from "@/server/i18n/current";
import { KeywordsForm } from "./keywords-form";
import { RemoveOptOutButton } from "./remove-button";

export default async function BureauOptOutsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireStaff("COMPLIANCE");
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: ["createdAt"] as const, defaultSort: "createdAt" });
  const caller = await api();
  const enterpriseId = param(params, "enterprise")?.slice(0, 64);
  const [enterprises, keywords, optOuts] = await Promise.all([
    caller.compliance.enterprises(),
    caller.compliance.optOut.keywords(),
    enterpriseId
      ? caller.compliance.optOut.list({ page: list.page, pageSize: list.pageSize, enterpriseId, search: list.search })
      : Promise.resolve(null),
  ]);
  return (
    <>
      <PageHeader title={t("compliance.optOuts.title")} intro={t("compliance.optOuts.attribution")} />
      <div className="space-y-6">
        <Card title={t("compliance.keywords.title")}>
          <p className="mb-3 text-sm text-slate-500">{t("compliance.keywords.intro")}</p>
          {user.role === "BUREAU_ADMIN" ? (
            <KeywordsForm keywords={keywords} />
          ) : (
            <>
              <p className="mb-2 font-mono text-sm" data-testid="opt-out-keywords">
                {keywords.join("  ")}
              </p>
              <Alert tone="info">{t("compliance.keywords.readOnly")}</Alert>
            </>
          )}
        </Card>
        <form className="flex flex-wrap gap-2" action="/bureau/compliance/opt-outs">
          <select
            name="enterprise"
            defaultValue={enterpriseId ?? ""}
            aria-label={t("compliance.optOuts.pickEnterprise")}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
          >
            <option value="">{t("compliance.optOuts.pickEnterprise")}</option>
            {enterprises.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
          <Input
            className="max-w-xs"
            name="q"
            defaultValue={list.search ?? ""}
            placeholder={t("compliance.optOuts.search")}
            aria-label={t("compliance.optOuts.search")}
            maxLength={100}
          />
          <Button type="submit" variant="secondary">
            {t("app.search")}
          </Button>
        </form>
        {optOuts ? (
          <OptOutTable
            t={t}
            rows={optOuts.rows}
            total={optOuts.total}
            page={list.page}
            pageSize={list.pageSize}
            pathname="/bureau/compliance/opt-outs"
            params={params}
            action={(r) => <RemoveOptOutButton id={r.id} mobile={r.mobile} />}
          />
        ) : (
          <EmptyState>{t("compliance.optOuts.pickEnterprise")}</EmptyState>
        )}
      </div>
    </>
  );
}
