// A back-office review queue (consents, signatures, held jobs, enterprise changes): guarded by role,
// paged, filtered by state in the URL (the first state is the default), header, state links and table.
import { type Column, DataTable } from "@/app/_components/data-table";
import { requireStaff } from "@/app/_components/guards";
import { param, parseListParams, type SearchParams } from "@/app/_components/list-params";
import { PageHeader } from "@/app/_components/ui";
import type { Role } from "@/server/generated/prisma/enums";
import type { Translate } from "@/server/i18n";
import { currentTranslator } from "@/server/i18n/current";
import { RequestStatus } from "@/server/generated/prisma/enums";
import { StateLinks } from "./status-tabs";

export interface Queue<S extends string> {
  t: Translate;
  params: SearchParams;
  page: number;
  pageSize: number;
  states: readonly [S, ...S[]];
  /** The state asked for in `?status=`, else the first. */
  state: S;
}

/** A request queue's states, in the schema's order with PENDING (the default) first. */
export const REQUEST_STATES = [
  RequestStatus.PENDING,
  ...Object.values(RequestStatus).filter((s) => s !== RequestStatus.PENDING),
] as const;

/** Checks the role (BUREAU_ADMIN always passes) and reads page and state from the URL. */
export async function openQueue<const S extends string>(
  searchParams: Promise<SearchParams>,
  role: Role,
  states: readonly [S, ...S[]],
): Promise<Queue<S>> {
  await requireStaff(role);
  const params = await searchParams;
  const { t } = await currentTranslator();
  // A queue has one order, the server's: only the page is read.
  const { page, pageSize } = parseListParams(params, { sorts: [], defaultSort: "" });
  const state = states.find((s) => s === param(params, "status")) ?? states[0];
  return { t, params, page, pageSize, states, state };
}

export function QueueView<S extends string, R extends { id: string }>(props: {
  queue: Queue<S>;
  pathname: string;
  title: string;
  intro: string;
  stateLabel: string;
  stateLabelOf: (s: S) => string;
  testId: string;
  rows: R[];
  total: number;
  empty: string;
  columns: Column<R>[];
}) {
  const { queue } = props;
  return (
    <>
      <PageHeader title={props.title} intro={props.intro} />
      <StateLinks
        pathname={props.pathname}
        states={queue.states}
        current={queue.state}
        defaultState={queue.states[0]}
        label={props.stateLabel}
        labelOf={props.stateLabelOf}
      />
      <DataTable
        t={queue.t}
        testId={props.testId}
        pathname={props.pathname}
        params={queue.params}
        rows={props.rows}
        rowKey={(r) => r.id}
        total={props.total}
        page={queue.page}
        pageSize={queue.pageSize}
        empty={props.empty}
        columns={props.columns}
      />
    </>
  );
}
