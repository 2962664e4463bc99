// npm run job -- <function-id> [--at <ISO time>]   runs a scheduled function by hand for an instant
// npm run job -- --list                              lists the functions and their triggers
//
// The run is recorded like any other (trigger "manual") and shows on the back office's job page.
// The function computes "now" from --at (default: now). Exit code 0 when the run completed, 1 when
// it failed, 2 on a usage error.
import "../load-env";
import { parseArgs } from "node:util";
import { db } from "../db";
import { describeFunctions } from "../inngest/describe";
import { functions } from "../inngest/functions";
import { runJobNow, UnknownJobError } from "../inngest/runner/manual";

const USAGE = "usage: npm run job -- <function-id> [--at <ISO time>]\n       npm run job -- --list";

function usageError(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { at: { type: "string" }, list: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
} catch (error) {
  usageError((error as Error).message);
}
const { values, positionals } = parsed;

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.list) {
  for (const fn of describeFunctions(functions)) {
    const triggers = fn.triggers.map((t) => ("cron" in t ? `cron "${t.cron}"` : `event ${t.event}`)).join(", ");
    console.log(`${fn.id.padEnd(24)} ${fn.name.padEnd(24)} ${triggers}`);
  }
  process.exit(0);
}
const functionId = positionals[0];
if (!functionId || positionals.length > 1) usageError("give one function id");
// An ISO time with its offset (…Z or …+08:00): a bare date-time would be read in the machine's zone.
if (values.at !== undefined && !/(Z|[+-]\d{2}:?\d{2})$/i.test(values.at))
  usageError(`--at needs an ISO time with a zone, e.g. 2026-12-01T03:30:00+08:00: ${values.at}`);
const at = values.at !== undefined ? new Date(values.at) : undefined;
if (at && Number.isNaN(at.getTime())) usageError(`--at: not a time: ${values.at}`);

try {
  const run = await runJobNow({
    functions,
    db: db(),
    functionId,
    at,
    onAttempt: (outcome) => {
      if (outcome.kind === "retry")
        console.error(`attempt failed (${outcome.error}); retrying at ${outcome.nextAttemptAt.toISOString()}`);
      if (outcome.kind === "sleeping") console.error(`sleeping until ${outcome.wakeAt.toISOString()}`);
      if (outcome.kind === "lost") console.error("another runner took the run over; waiting for it to finish");
    },
  });
  const { id, status, attempts, scheduledFor, output, lastError } = run;
  console.log(
    JSON.stringify({ id, function: run.functionId, status, attempts, scheduledFor, output, lastError }, null, 2),
  );
  process.exitCode = status === "COMPLETED" ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = error instanceof UnknownJobError ? 2 : 1;
} finally {
  await db().$disconnect();
}
