// What the back office's compliance home counts, and the enterprises its filters offer.
import type { DbTx } from "../db";

export async function complianceSummary(db: DbTx) {
  const [pendingSignatures, pendingConsents, blockTerms, reviewTerms, violations, optOuts] = await Promise.all([
    db.smsSignature.count({ where: { status: "PENDING" } }),
    db.recipientConsent.count({ where: { status: "PENDING" } }),
    db.lexiconTerm.count({ where: { action: "BLOCK" } }),
    db.lexiconTerm.count({ where: { action: "REVIEW" } }),
    db.complianceViolation.count(),
    db.optOut.count(),
  ]);
  return { pendingSignatures, pendingConsents, blockTerms, reviewTerms, violations, optOuts };
}

export async function enterpriseOptions(db: DbTx) {
  return db.enterprise.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
