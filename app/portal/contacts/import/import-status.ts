import type { BadgeTone } from "@/app/_components/ui";
import type { ImportStatus } from "@/server/generated/prisma/enums";

export const IMPORT_TONES: Record<ImportStatus, BadgeTone> = {
  PREVIEWED: "amber",
  RUNNING: "blue",
  COMPLETED: "green",
  FAILED: "red",
};
