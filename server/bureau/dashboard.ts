// The figures on the back office's first page.
import type { DbTx } from "../db";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export async function bureauDashboard(db: DbTx, now: Date) {
  const [customers, activeContracts, pendingContracts, lockedAccounts, failedRuns] = await Promise.all([
    db.enterprise.count(),
    db.contract.count({ where: { status: "ACTIVE" } }),
    db.contract.count({ where: { status: "PENDING_REVIEW" } }),
    db.user.count({ where: { lockedUntil: { gt: now } } }),
    db.jobRun.count({ where: { status: "FAILED", createdAt: { gt: new Date(now.getTime() - WEEK_MS) } } }),
  ]);
  return { customers, activeContracts, pendingContracts, lockedAccounts, failedRuns };
}
