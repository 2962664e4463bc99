// Every background function: served to an Inngest server at /api/inngest, or run by the built-in runner.
import { contractsDaily } from "./contracts-daily";
import { housekeepingDaily } from "./housekeeping-daily";
import { webhooksDeliver } from "./webhooks-deliver";

export const functions = [housekeepingDaily, contractsDaily, webhooksDeliver];
