// Every background function: served to an Inngest server at /api/inngest, or run by the built-in runner.
import { authLockoutNotice } from "./auth-lockout-notice";
import { authPasswordReset } from "./auth-password-reset";
import { billingClosePeriod } from "./billing-close-period";
import { billingCollections } from "./billing-collections";
import { billingPackageChanges } from "./billing-package-changes";
import { billingRemindersDeliver } from "./billing-reminders-deliver";
import { contractsDaily } from "./contracts-daily";
import { housekeepingDaily } from "./housekeeping-daily";
import { sendingBatch } from "./sending-batch";
import { sendingJobStarted } from "./sending-job-started";
import { sendingSweep } from "./sending-sweep";
import { webhooksDeliver } from "./webhooks-deliver";

export const functions = [
  housekeepingDaily,
  contractsDaily,
  webhooksDeliver,
  sendingJobStarted,
  sendingBatch,
  sendingSweep,
  billingPackageChanges,
  billingClosePeriod,
  billingCollections,
  billingRemindersDeliver,
  authLockoutNotice,
  authPasswordReset,
];
