// The runner inside a long-lived process (the Next server, or `npm run worker`): one per process.
// Kept on globalThis because Next's dev server may evaluate this module more than once.
import { db } from "../../db";
import { functions } from "../functions";
import { createJobRunner, type JobRunner } from "./runner";

const store = globalThis as unknown as { qxtJobRunner?: JobRunner };

export function startAppRunner(): JobRunner {
  if (!store.qxtJobRunner) {
    const runner = createJobRunner({ functions, db: db() });
    runner.start();
    console.info(
      `[jobs] built-in runner ${runner.ownerId} started: ${runner.registry.list.map((f) => f.id).join(", ")}`,
    );
    store.qxtJobRunner = runner;
  }
  return store.qxtJobRunner;
}

/** Stops the process's runner, letting attempts in progress finish for up to graceMs. */
export async function stopAppRunner(graceMs?: number): Promise<void> {
  const runner = store.qxtJobRunner;
  store.qxtJobRunner = undefined;
  await runner?.stop({ graceMs });
}
