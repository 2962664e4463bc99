import { requireCustomer } from "@/app/_components/guards";
import { parseListParams, type SearchParams } from "@/app/_components/list-params";
import { Alert, Button, Input, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { currentTranslator } from "@/server/i18n/current";
import { OptOutTable } from "./opt-out-table";

// Entries cannot be removed from the portal: opting out is the recipient's decision (see the intro).
export default async function OptOutsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireCustomer();
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: ["createdAt"] as const, defaultSort: "createdAt" });
  const { rows, total } = await (
    await api()
  ).compliance.optOut.mine({ page: list.page, pageSize: list.pageSize, search: list.search });
  return (
    <>
      <PageHeader title={t("compliance.optOuts.title")} intro={t("compliance.optOuts.intro")} />
      <div className="space-y-4">
        <Alert tone="info">{t("compliance.optOuts.attribution")}</Alert>
        <form className="flex max-w-lg gap-2" action="/portal/compliance/opt-outs">
          <Input
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
        <OptOutTable
          t={t}
          rows={rows}
          total={total}
          page={list.page}
          pageSize={list.pageSize}
          pathname="/portal/compliance/opt-outs"
          params={params}
        />
      </div>
    </>
  );
}
