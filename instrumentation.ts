// Next's start-up hook. With no Inngest server configured the web process runs the background
// functions itself (JOB_RUNNER=off leaves that to `npm run worker`). The imports are dynamic so the
// edge bundle never sees the runner or Prisma.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this hook too; only a serving process should run jobs.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { builtInRunnerEnabled } = await import("./server/env");
  if (!builtInRunnerEnabled()) return;
  const { startAppRunner } = await import("./server/inngest/runner/app-runner");
  startAppRunner();
}
