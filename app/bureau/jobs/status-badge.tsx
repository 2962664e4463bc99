import { Badge, type BadgeTone } from "@/app/_components/ui";
import type { JobRunStatus } from "@/server/generated/prisma/enums";
import type { Translate } from "@/server/i18n";

const TONES: Record<JobRunStatus, BadgeTone> = { QUEUED: "slate", RUNNING: "blue", COMPLETED: "green", FAILED: "red" };

export function RunStatusBadge({ t, status }: { t: Translate; status: JobRunStatus }) {
  return <Badge tone={TONES[status]}>{t(`bureau.jobs.statuses.${status}`)}</Badge>;
}
