// One router per domain.
import { accountRouter } from "./routers/account";
import { addressbookRouter } from "./routers/addressbook";
import { apiKeysRouter } from "./routers/api-keys";
import { auditRouter } from "./routers/audit";
import { billingRouter } from "./routers/billing";
import { complianceRouter } from "./routers/compliance";
import { contractsRouter } from "./routers/contracts";
import { customersRouter } from "./routers/customers";
import { dashboardRouter } from "./routers/dashboard";
import { jobsRouter } from "./routers/jobs";
import { mailRouter } from "./routers/mail";
import { gatewayRouter } from "./routers/gateway";
import { enterpriseChangesRouter } from "./routers/enterprise-changes";
import { packagesRouter } from "./routers/packages";
import { passwordResetRouter } from "./routers/password-reset";
import { portalRouter } from "./routers/portal";
import { registrationRouter } from "./routers/registration";
import { sendingRouter } from "./routers/sending";
import { settingsRouter } from "./routers/settings";
import { teamRouter } from "./routers/team";
import { usageRouter } from "./routers/usage";
import { usersRouter } from "./routers/users";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  account: accountRouter,
  addressbook: addressbookRouter,
  apiKeys: apiKeysRouter,
  audit: auditRouter,
  billing: billingRouter,
  compliance: complianceRouter,
  contracts: contractsRouter,
  customers: customersRouter,
  dashboard: dashboardRouter,
  gateway: gatewayRouter,
  jobs: jobsRouter,
  mail: mailRouter,
  enterpriseChanges: enterpriseChangesRouter,
  packages: packagesRouter,
  passwordReset: passwordResetRouter,
  portal: portalRouter,
  registration: registrationRouter,
  sending: sendingRouter,
  settings: settingsRouter,
  team: teamRouter,
  usage: usageRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
