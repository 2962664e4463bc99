// What an issued billing document prints about its parties and package, frozen in the row when it is
// issued (`snapshot` columns of Statement, Invoice and CreditNote). Editing the bureau's settings,
// the enterprise or the package later never changes an issued document: the PDFs read only these.
import { z } from "zod";
import type { DbTx } from "../db";
import type { BureauConfig, Enterprise, Prisma } from "../generated/prisma/client";

const party = z.object({ name: z.string(), uscc: z.string() });

export const statementSnapshotSchema = z.object({
  contractNumber: z.string(),
  bureau: party.extend({ bankName: z.string(), bankAccount: z.string() }),
  customer: party.extend({ address: z.string() }),
  /** The package as billed; its terms (base fee, included messages, overage price) are the statement's own columns. */
  package: z.object({ code: z.string(), name: z.string() }),
});
export type StatementSnapshot = z.infer<typeof statementSnapshotSchema>;

export const invoiceSnapshotSchema = z.object({ seller: party, buyer: party });
export type InvoiceSnapshot = z.infer<typeof invoiceSnapshotSchema>;

export const creditNoteSnapshotSchema = z.object({
  contractNumber: z.string(),
  bureau: z.object({ name: z.string() }),
  customer: party,
});
export type CreditNoteSnapshot = z.infer<typeof creditNoteSnapshotSchema>;

/** Parses a stored snapshot; a malformed one is a data fault, not a user error. */
export function readSnapshot<T>(schema: z.ZodType<T>, value: Prisma.JsonValue, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${what}: malformed snapshot: ${parsed.error.message}`);
  return parsed.data;
}

/** Both parties as they stand now, for a document being issued in this transaction. */
async function liveParties(db: DbTx, contractId: string) {
  const [bureau, contract] = await Promise.all([
    db.bureauConfig.findUniqueOrThrow({ where: { id: 1 } }),
    db.contract.findUniqueOrThrow({ where: { id: contractId }, include: { enterprise: true } }),
  ]);
  return { bureau, contract, enterprise: contract.enterprise };
}

/** A statement's snapshot from the parties' rows as they stand (the period close reads them in bulk). */
export function statementSnapshotOf(
  bureau: Pick<BureauConfig, "name" | "uscc" | "bankName" | "bankAccount">,
  contract: { number: string },
  enterprise: Pick<Enterprise, "name" | "uscc" | "address">,
  pkg: { code: string; nameZh: string },
): StatementSnapshot {
  return {
    contractNumber: contract.number,
    bureau: { name: bureau.name, uscc: bureau.uscc, bankName: bureau.bankName, bankAccount: bureau.bankAccount },
    customer: { name: enterprise.name, uscc: enterprise.uscc, address: enterprise.address },
    package: { code: pkg.code, name: pkg.nameZh },
  };
}

export async function invoiceSnapshot(db: DbTx, contractId: string): Promise<InvoiceSnapshot> {
  const { bureau, enterprise } = await liveParties(db, contractId);
  return { seller: { name: bureau.name, uscc: bureau.uscc }, buyer: { name: enterprise.name, uscc: enterprise.uscc } };
}

export async function creditNoteSnapshot(db: DbTx, contractId: string): Promise<CreditNoteSnapshot> {
  const { bureau, contract, enterprise } = await liveParties(db, contractId);
  return {
    contractNumber: contract.number,
    bureau: { name: bureau.name },
    customer: { name: enterprise.name, uscc: enterprise.uscc },
  };
}
