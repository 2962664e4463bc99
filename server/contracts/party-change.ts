// An approved change of 乙方's party details changes the printed contract: each contract still in
// force (or on its way) gets a new document version, the earlier ones stay as they were.
import type { Actor } from "../audit/log";
import type { Db } from "../db";
import { approveEnterpriseChange } from "../enterprises/change-requests";
import { issueContractDocument } from "./documents";
import { BEFORE_END } from "./state";

export async function approvePartyChange(db: Db, actor: Actor, requestId: string, now: Date) {
  const enterprise = await approveEnterpriseChange(db, actor, requestId, now);
  const contracts = await db.contract.findMany({
    where: { enterpriseId: enterprise.id, status: { in: [...BEFORE_END] } },
    select: { id: true },
  });
  for (const contract of contracts) {
    await issueContractDocument(db, contract.id, "乙方信息变更 / customer details changed", actor, now);
  }
  return { enterpriseId: enterprise.id, documentsIssued: contracts.length };
}
