// What the back office's compliance home counts, and the enterprises its filters offer.
import type { DbTx } from "../db";

export async function complianceSummary(db: DbTx) {
  const [pendingSignatures, pendingConsents, blockTerms, reviewTerms, violations, optOuts, heldJobs] =
    await Promise.all([
      db.smsSignature.count({ where: { status: "PENDING" } }),
      db.recipientConsent.count({ where: { status: "PENDING" } }),
      db.lexiconTerm.count({ where: { action: "BLOCK" } }),
      db.lexiconTerm.count({ where: { action: "REVIEW" } }),
      db.complianceViolation.count(),
      db.optOut.count(),
      db.sendJob.count({ where: { status: "HELD_FOR_REVIEW" } }),
    ]);
  return { pendingSignatures, pendingConsents, blockTerms, reviewTerms, violations, optOuts, heldJobs };
}

export async function enterpriseOptions(db: DbTx) {
  return db.enterprise.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
