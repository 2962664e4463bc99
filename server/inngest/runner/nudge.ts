// Runners in this process, so that sending an event can wake them instead of waiting for the next poll.
// Kept on globalThis: Next's dev server may load this module more than once.

const store = globalThis as unknown as { qxtJobRunnerNudges?: Set<() => void> };

function nudges(): Set<() => void> {
  store.qxtJobRunnerNudges ??= new Set();
  return store.qxtJobRunnerNudges;
}

/** Registers a runner's wake-up; returns the unregister function. */
export function onNudge(wake: () => void): () => void {
  nudges().add(wake);
  return () => nudges().delete(wake);
}

export function nudgeRunners(): void {
  for (const wake of nudges()) wake();
}
