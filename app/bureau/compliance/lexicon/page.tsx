import { DataTable } from "@/app/_components/data-table";
import { FilterLinks } from "@/app/_components/tabs";
import { requireStaff } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams, withParams } from "@/app/_components/list-params";
import { Badge, Button, Card, Input, PageHeader } from "@/app/_components/ui";
import { api } from "@/server/api/server";
import { formatChinaDateTime } from "@/server/clock";
import { currentTranslator } from "@/server/i18n/current";
import { AddTermForm, EditTermButton, RemoveTermButton, TryScreening } from "./lexicon-actions";
import { LexiconAction } from "@/server/generated/prisma/enums";

const ACTIONS = Object.values(LexiconAction);

export default async function LexiconPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("COMPLIANCE");
  const params = await searchParams;
  const { t } = await currentTranslator();
  const list = parseListParams(params, { sorts: ["term"] as const, defaultSort: "term", pageSize: 50 });
  const action = ACTIONS.find((a) => a === param(params, "action"));
  const { rows, total, totals } = await (
    await api()
  ).compliance.lexicon.list({ page: list.page, pageSize: list.pageSize, search: list.search, action });
  return (
    <>
      <PageHeader title={t("compliance.lexicon.title")} intro={t("compliance.lexicon.intro")} />
      <div className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title={t("compliance.lexicon.add")}>
            <AddTermForm />
          </Card>
          <Card title={t("compliance.lexicon.tryTitle")}>
            <TryScreening />
          </Card>
        </div>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <FilterLinks
            className=""
            label={t("compliance.lexicon.action")}
            items={[undefined, ...ACTIONS].map((a) => ({
              href: withParams("/bureau/compliance/lexicon", params, { action: a, page: undefined }),
              label: a ? t(`compliance.lexicon.actions.${a}`) : t("compliance.lexicon.all"),
              active: a === action,
            }))}
          >
            <span className="px-3 py-1.5 text-slate-400">
              {t("compliance.lexicon.totals", { block: totals.BLOCK, review: totals.REVIEW })}
            </span>
          </FilterLinks>
          <form className="flex gap-2" action="/bureau/compliance/lexicon">
            {action ? <input type="hidden" name="action" value={action} /> : null}
            <Input
              name="q"
              defaultValue={list.search ?? ""}
              placeholder={t("compliance.lexicon.search")}
              aria-label={t("compliance.lexicon.search")}
              maxLength={100}
            />
            <Button type="submit" variant="secondary">
              {t("app.search")}
            </Button>
          </form>
        </div>
        <DataTable
          t={t}
          testId="lexicon-table"
          pathname="/bureau/compliance/lexicon"
          params={params}
          rows={rows}
          rowKey={(r) => r.id}
          total={total}
          page={list.page}
          pageSize={list.pageSize}
          empty={t("compliance.lexicon.empty")}
          columns={[
            {
              header: t("compliance.lexicon.term"),
              cell: (r) => (
                <span className="font-medium" data-testid={`term-${r.term}`}>
                  {r.term}
                </span>
              ),
            },
            {
              header: t("compliance.lexicon.action"),
              cell: (r) => (
                <Badge tone={r.action === "BLOCK" ? "red" : "amber"}>
                  {t(`compliance.lexicon.actions.${r.action}`)}
                </Badge>
              ),
            },
            { header: t("compliance.lexicon.note"), cell: (r) => r.note ?? "—" },
            {
              header: t("compliance.lexicon.createdAt"),
              cell: (r) => <span className="num">{formatChinaDateTime(r.createdAt)}</span>,
            },
            {
              header: t("app.actions"),
              cell: (r) => (
                <span className="flex flex-wrap gap-2">
                  <EditTermButton term={r} />
                  <RemoveTermButton id={r.id} term={r.term} />
                </span>
              ),
            },
          ]}
        />
      </div>
    </>
  );
}
