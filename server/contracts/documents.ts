// The contract document (PDF): every change of terms issues a new version; earlier versions stay.
import { createHash } from "node:crypto";
import { type Actor, recordAudit } from "../audit/log";
import { isStaffRole } from "../auth/accounts";
import type { DbTx } from "../db";
import { renderContractPdf } from "./contract-pdf";
import { AppError } from "../errors";
import type { Role } from "../generated/prisma/client";
import { contractTerms } from "./terms-service";

/** Renders the contract as it stands and stores it as the next version. Call after the change committed. */
export async function issueContractDocument(db: DbTx, contractId: string, reason: string, actor: Actor, now: Date) {
  const last = await db.contractDocument.findFirst({
    where: { contractId },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  const version = (last?.version ?? 0) + 1;
  const terms = await contractTerms(db, contractId, version, now);
  const pdf = await renderContractPdf(terms);
  const document = await db.contractDocument.create({
    data: {
      contractId,
      version,
      reason,
      terms: JSON.parse(JSON.stringify(terms)),
      pdf: new Uint8Array(pdf),
      sha256: createHash("sha256").update(pdf).digest("hex"),
      createdAt: now,
      createdById: actor.userId,
    },
    select: { id: true, version: true },
  });
  const contract = await db.contract.findUniqueOrThrow({ where: { id: contractId }, select: { enterpriseId: true } });
  await recordAudit(
    db,
    actor,
    {
      action: "contract.document.issued",
      entityType: "Contract",
      entityId: contractId,
      enterpriseId: contract.enterpriseId,
      detail: { version, reason },
    },
    now,
  );
  return document;
}

export async function listContractDocuments(db: DbTx, contractId: string) {
  return db.contractDocument.findMany({
    where: { contractId },
    orderBy: { version: "desc" },
    select: { id: true, version: true, reason: true, createdAt: true, sha256: true },
  });
}

/** A document's bytes for a viewer: customers only of their own enterprise, staff always. */
export async function contractDocumentFor(
  db: DbTx,
  viewer: { role: Role; enterpriseId: string | null },
  contractId: string,
  version: number,
) {
  const document = await db.contractDocument.findUnique({
    where: { contractId_version: { contractId, version } },
    include: { contract: { select: { number: true, enterpriseId: true } } },
  });
  const staff = isStaffRole(viewer.role);
  // Another enterprise's document is reported as missing, never as forbidden: no existence leak.
  if (!document || (!staff && document.contract.enterpriseId !== viewer.enterpriseId)) throw new AppError("NOT_FOUND");
  return { fileName: `${document.contract.number}-v${document.version}.pdf`, pdf: Buffer.from(document.pdf) };
}
