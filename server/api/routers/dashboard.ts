import { bureauDashboard } from "../../bureau/dashboard";
import { bureauProcedure, router } from "../trpc";

export const dashboardRouter = router({
  bureau: bureauProcedure().query(({ ctx }) => bureauDashboard(ctx.db, ctx.now)),
});
