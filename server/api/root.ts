// One router per domain.
import { accountRouter } from "./routers/account";
import { auditRouter } from "./routers/audit";
import { customersRouter } from "./routers/customers";
import { dashboardRouter } from "./routers/dashboard";
import { packagesRouter } from "./routers/packages";
import { portalRouter } from "./routers/portal";
import { settingsRouter } from "./routers/settings";
import { usersRouter } from "./routers/users";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  account: accountRouter,
  audit: auditRouter,
  customers: customersRouter,
  dashboard: dashboardRouter,
  packages: packagesRouter,
  portal: portalRouter,
  settings: settingsRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
