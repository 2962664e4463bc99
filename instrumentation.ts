// Next's start-up hook, for a serving process only (`next build` loads it too, and skips it):
// - the SMS gateway (server/smpp/gateway.ts), connected to the sending pipeline (receipts, replies):
//   the SMPP pool, and with no SMPP_URL the carrier simulator in-process, so `npm run dev` and
//   `npm start` send against it by default;
// - with no SMTP_URL, the local SMTP catcher (server/mail/catcher.ts) on 127.0.0.1:SMTP_CATCHER_PORT,
//   which then receives every e-mail the app sends (shown under /bureau/mail);
// - with no Inngest server configured, the built-in job runner (JOB_RUNNER=off leaves that to
//   `npm run worker`).
// The imports are dynamic so the edge bundle never sees sockets, the runner or Prisma.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { gatewayEnabled } = await import("./server/smpp/gateway");
  if (gatewayEnabled()) {
    try {
      const [{ sendingGateway }, { db }] = await Promise.all([
        import("./server/sending/gateway"),
        import("./server/db"),
      ]);
      await sendingGateway(db());
    } catch (error) {
      console.error("[smpp] gateway not started:", error);
    }
  }
  const { loadMailConfig } = await import("./server/mail/config");
  const mail = loadMailConfig();
  if (mail.useCatcher) {
    const globalForCatcher = globalThis as unknown as { qxtMailCatcher?: boolean };
    if (!globalForCatcher.qxtMailCatcher) {
      globalForCatcher.qxtMailCatcher = true;
      try {
        const [{ startMailCatcher }, { db }] = await Promise.all([
          import("./server/mail/catcher"),
          import("./server/db"),
        ]);
        const catcher = await startMailCatcher(db(), { port: mail.catcherPort });
        console.log(`[mail] SMTP_URL unset: catching mail on smtp://127.0.0.1:${catcher.port}`);
      } catch (error) {
        // Another process of the app (a second server, `npm run worker`) may hold the port already.
        console.error("[mail] SMTP catcher not started:", error);
      }
    }
  }
  const { builtInRunnerEnabled } = await import("./server/env");
  if (!builtInRunnerEnabled()) return;
  const { startAppRunner } = await import("./server/inngest/runner/app-runner");
  startAppRunner();
}
