// A party-details change request as both sides see it: its status, and each field before and after.
import { type ChangeSet, PARTY_FIELDS, type RequestStatus } from "@/server/enterprises/party-fields";
import type { Translate } from "@/server/i18n";
import { Badge, type BadgeTone } from "./ui";

const TONES: Record<RequestStatus, BadgeTone> = {
  PENDING: "amber",
  APPROVED: "green",
  REJECTED: "red",
  WITHDRAWN: "slate",
};

export function RequestStatusBadge({ t, status }: { t: Translate; status: RequestStatus }) {
  return <Badge tone={TONES[status]}>{t(`team.changes.statuses.${status}`)}</Badge>;
}

export function ChangeSetTable({ t, changes, testId }: { t: Translate; changes: ChangeSet; testId?: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid={testId}>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="px-4 py-2.5 text-left font-medium text-slate-600">
              {t("team.changes.field")}
            </th>
            <th scope="col" className="px-4 py-2.5 text-left font-medium text-slate-600">
              {t("team.changes.from")}
            </th>
            <th scope="col" className="px-4 py-2.5 text-left font-medium text-slate-600">
              {t("team.changes.to")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {PARTY_FIELDS.map((field) => {
            const change = changes[field];
            if (!change) return null;
            return (
              <tr key={field} data-testid={`change-${field}`}>
                <th scope="row" className="px-4 py-2.5 text-left font-normal text-slate-600">
                  {t(`party.${field}`)}
                </th>
                <td className="px-4 py-2.5 text-slate-500 line-through decoration-slate-300">{change.from}</td>
                <td className="px-4 py-2.5 font-medium text-slate-900">{change.to}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
