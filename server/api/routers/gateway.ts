import { z } from "zod";
import { recordAudit } from "../../audit/log";
import { AppError } from "../../errors";
import { inboxOverview } from "../../sending/inbox";
import { PENDING_RECEIPT_NOTES } from "../../sending/receipts";
import { processSimulatorControl } from "../../smpp/gateway";
import { processPoolStatus } from "../../smpp/registry";
import { type SimulatorControlClient, createSimulatorControlClient } from "../../smpp/simulator/control-client";
import { RECEIPT_STATS } from "../../smpp/simulator/settings";
import { bureauProcedure, router } from "../trpc";
import { text } from "../../validation/text";

/** The simulator this process sends to (development, tests, demos); null with a real SMSC. */
async function simulator(): Promise<SimulatorControlClient | null> {
  const access = await processSimulatorControl();
  return access && createSimulatorControlClient(access);
}

/** Null when there are no simulator controls (the back office then shows none). */
async function simulatorState() {
  const client = await simulator();
  if (!client) return null;
  try {
    return { state: await client.state(), error: null };
  } catch (error) {
    return { state: null, error: error instanceof Error ? error.message : String(error) };
  }
}

const settingsPatch = z
  .object({
    receiptDelayMs: z.number().int().min(0).max(86_400_000),
    outcomeMix: z.object(
      Object.fromEntries(RECEIPT_STATS.map((s) => [s, z.number().min(0).max(1000)])) as Record<
        (typeof RECEIPT_STATS)[number],
        z.ZodNumber
      >,
    ),
    throttleAbovePerSecond: z.number().int().min(0).max(1_000_000),
    dropConnectionEveryPdus: z.number().int().min(0).max(1_000_000),
    responseDelayMs: z.number().int().min(0).max(600_000),
    omitResponseEvery: z.number().int().min(0).max(1_000_000),
    refuseBinds: z.boolean(),
  })
  .partial();

async function control<T>(call: (client: SimulatorControlClient) => Promise<T>): Promise<T> {
  const client = await simulator();
  if (!client) throw new AppError("INVALID_REQUEST", { detail: "no simulator: the upstream is a real SMSC" });
  try {
    return await call(client);
  } catch (error) {
    throw new AppError("INVALID_REQUEST", { detail: error instanceof Error ? error.message : String(error) });
  }
}

export const gatewayRouter = router({
  status: bureauProcedure("BUREAU_ADMIN").query(async () => ({
    pool: processPoolStatus(),
    simulator: await simulatorState(),
  })),

  /** The carrier inbox: counts by kind and state, and the receipts and reply parts still waiting. */
  inbox: bureauProcedure("BUREAU_ADMIN")
    .input(
      z.object({
        page: z.number().int().min(1).max(100_000).default(1),
        pageSize: z.number().int().min(1).max(100).default(20),
        note: z.enum(PENDING_RECEIPT_NOTES).optional(),
        dir: z.enum(["asc", "desc"]).default("desc"),
      }),
    )
    .query(({ ctx, input }) => inboxOverview(ctx.db, input)),

  configureSimulator: bureauProcedure("BUREAU_ADMIN")
    .input(settingsPatch)
    .mutation(async ({ ctx, input }) => {
      const settings = await control((client) => client.configure(input));
      await recordAudit(
        ctx.db,
        ctx.actor,
        { action: "gateway.simulator.configured", entityType: "Simulator", detail: input },
        ctx.now,
      );
      return settings;
    }),

  injectReply: bureauProcedure("BUREAU_ADMIN")
    .input(
      z.object({
        from: text({ min: 1, max: 20 }),
        to: text({ min: 1, max: 20 }),
        text: text({ min: 1, max: 500, multiline: true, trim: false }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await control((client) => client.injectReply(input));
      await recordAudit(
        ctx.db,
        ctx.actor,
        { action: "gateway.simulator.replyInjected", entityType: "Simulator", detail: input },
        ctx.now,
      );
      return result;
    }),

  dropConnections: bureauProcedure("BUREAU_ADMIN").mutation(async ({ ctx }) => {
    const result = await control((client) => client.dropConnections());
    await recordAudit(
      ctx.db,
      ctx.actor,
      { action: "gateway.simulator.connectionsDropped", entityType: "Simulator", detail: result },
      ctx.now,
    );
    return result;
  }),
});
