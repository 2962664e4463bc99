// Shared pieces of the contract state machine.
import type { DbTx } from "../db";
import { AppError } from "../errors";
import type { ContractStatus } from "../generated/prisma/client";

export async function loadContract(db: DbTx, contractId: string) {
  const contract = await db.contract.findUnique({ where: { id: contractId } });
  if (!contract) throw new AppError("NOT_FOUND");
  return contract;
}

/** Throws CONTRACT_STATE unless the contract is in one of the given states. */
export function assertStatus(contract: { status: ContractStatus }, allowed: readonly ContractStatus[]) {
  if (!allowed.includes(contract.status)) throw new AppError("CONTRACT_STATE", { status: contract.status });
}

/** Moves a contract from one status to another only if nobody moved it meanwhile. */
export async function transition(
  db: DbTx,
  contractId: string,
  from: readonly ContractStatus[],
  data: Parameters<DbTx["contract"]["update"]>[0]["data"] & { status?: ContractStatus },
) {
  const result = await db.contract.updateMany({ where: { id: contractId, status: { in: [...from] } }, data });
  if (result.count !== 1) {
    const current = await loadContract(db, contractId);
    throw new AppError("CONTRACT_STATE", { status: current.status });
  }
}

export const ENDED: readonly ContractStatus[] = ["TERMINATED", "EXPIRED"];
export const IN_FORCE: readonly ContractStatus[] = ["ACTIVE", "SUSPENDED"];
/** Submitted and not yet ended: the states a termination, a party change or a renewal objection can start from. */
export const BEFORE_END: readonly ContractStatus[] = ["PENDING_REVIEW", "APPROVED", "ACTIVE", "SUSPENDED"];
