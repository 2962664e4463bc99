// npm run worker: the built-in job runner on its own, for when the web process runs with
// JOB_RUNNER=off. Both may also run together: they share the work through the database.
// Stops on SIGINT/SIGTERM, letting attempts in progress finish for a few seconds; whatever is still
// running then is finished by the next runner's sweep once its lease lapses.
import "../load-env";
import { db } from "../db";
import { inngestServerConfigured } from "../env";
import { startAppRunner, stopAppRunner } from "../inngest/runner/app-runner";

if (inngestServerConfigured()) {
  console.error(
    "An Inngest server is configured (INNGEST_DEV / INNGEST_BASE_URL / INNGEST_SIGNING_KEY): it runs the functions, so the built-in runner stays off.",
  );
  process.exit(1);
}

startAppRunner();

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.info(`[jobs] ${signal}: letting runs in progress finish`);
    stopAppRunner(10_000)
      .then(() => db().$disconnect())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  });
}
