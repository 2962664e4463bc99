import { bureauConfigInput, getBureauConfig, updateBureauConfig } from "../../bureau/config";
import { bureauProcedure, router } from "../trpc";

export const settingsRouter = router({
  get: bureauProcedure().query(({ ctx }) => getBureauConfig(ctx.db)),
  update: bureauProcedure("BUREAU_ADMIN")
    .input(bureauConfigInput)
    .mutation(({ ctx, input }) => updateBureauConfig(ctx.db, ctx.actor, input, ctx.now)),
});
