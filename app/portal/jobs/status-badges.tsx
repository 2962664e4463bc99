// Job and message states as badges, in the reader's language.
import { Badge, type BadgeTone } from "@/app/_components/ui";
import type { MessageStatus, SendJobStatus } from "@/server/generated/prisma/enums";
import type { Translate } from "@/server/i18n";

const JOB_TONES: Record<SendJobStatus, BadgeTone> = {
  SCHEDULED: "blue",
  HELD_FOR_REVIEW: "amber",
  REJECTED: "red",
  QUEUED: "slate",
  SENDING: "blue",
  COMPLETED: "green",
  CANCELLED: "slate",
};
const MESSAGE_TONES: Record<MessageStatus, BadgeTone> = {
  PENDING: "slate",
  SUBMITTING: "blue",
  SUBMITTED: "blue",
  UNKNOWN: "amber",
  DELIVERED: "green",
  UNDELIVERED: "red",
  EXPIRED: "amber",
  REJECTED: "red",
  FAILED: "red",
  OPTED_OUT: "slate",
  NOT_ALLOWED: "slate",
  CANCELLED: "slate",
};

export function JobStatusBadge({ t, status }: { t: Translate; status: SendJobStatus }) {
  return <Badge tone={JOB_TONES[status]}>{t(`portalSending.jobStatuses.${status}`)}</Badge>;
}

export function MessageStatusBadge({ t, status }: { t: Translate; status: MessageStatus }) {
  return <Badge tone={MESSAGE_TONES[status]}>{t(`portalSending.messageStatuses.${status}`)}</Badge>;
}
