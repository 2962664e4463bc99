// The state of a signature or consent application, as both sides see it.
import { Badge, type BadgeTone } from "@/app/_components/ui";
import type { Translate } from "@/server/i18n";

export type RequestState = "PENDING" | "APPROVED" | "REJECTED" | "WITHDRAWN";
const TONES: Record<RequestState, BadgeTone> = {
  PENDING: "amber",
  APPROVED: "green",
  REJECTED: "red",
  WITHDRAWN: "slate",
};

export function RequestStateBadge({ t, status }: { t: Translate; status: RequestState }) {
  return <Badge tone={TONES[status]}>{t(`compliance.statuses.${status}`)}</Badge>;
}
