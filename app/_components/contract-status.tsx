import type { ContractStatus } from "@/server/generated/prisma/enums";
import type { Translate } from "@/server/i18n";
import { Badge, type BadgeTone } from "./ui";

const TONES: Record<ContractStatus, BadgeTone> = {
  DRAFT: "slate",
  PENDING_REVIEW: "amber",
  REJECTED: "red",
  APPROVED: "blue",
  ACTIVE: "green",
  SUSPENDED: "red",
  TERMINATED: "slate",
  EXPIRED: "slate",
};

export function ContractStatusBadge({ t, status }: { t: Translate; status: ContractStatus }) {
  return <Badge tone={TONES[status]}>{t(`contractStatus.${status}`)}</Badge>;
}
