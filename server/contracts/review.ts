// Bureau review (SALES) and activation: PENDING_REVIEW → APPROVED | REJECTED → (deposit, start) → ACTIVE.
import { randomBytes } from "node:crypto";
import { type Actor, recordAudit } from "../audit/log";
import { hashPassword } from "../auth/password";
import { compareChinaDates, formatChinaDate, fromDbDate, parseChinaDate, toChinaDate, toDbDate } from "../clock";
import type { Db, DbTx } from "../db";
import { checkedPartyFields, type PartyFields } from "../enterprises/details";
import { AppError } from "../errors";
import { priceInForce } from "../packages/prices";
import { nextContractNumber } from "../sequences/counter";
import { issueContractDocument } from "./documents";
import type { NegotiableTermsInput } from "./inputs";
import { assertStatus, loadContract, transition } from "./state";
import { expiresAt } from "./validity";

async function receivedDepositFen(db: DbTx, contractId: string): Promise<number> {
  const sum = await db.depositEntry.aggregate({ where: { contractId, kind: "RECEIVED" }, _sum: { amountFen: true } });
  return sum._sum.amountFen ?? 0;
}

/** What an APPROVED contract still waits for before it is ACTIVE. */
export type ActivationGap =
  | { kind: "DEPOSIT"; receivedFen: number; requiredFen: number }
  | { kind: "START_DATE"; startDate: string }
  | { kind: "ENDED" };

/** The conditions of activation not met yet at `now` (none: it activates). */
export function activationGaps(
  contract: { startDate: Date; endDate: Date; depositFen: number },
  receivedFen: number,
  now: Date,
): ActivationGap[] {
  const gaps: ActivationGap[] = [];
  if (receivedFen < contract.depositFen) gaps.push({ kind: "DEPOSIT", receivedFen, requiredFen: contract.depositFen });
  const start = fromDbDate(contract.startDate);
  if (compareChinaDates(start, toChinaDate(now)) > 0)
    gaps.push({ kind: "START_DATE", startDate: formatDbDate(contract.startDate) });
  if (now.getTime() >= expiresAt(fromDbDate(contract.endDate)).getTime()) gaps.push({ kind: "ENDED" });
  return gaps;
}

/** What the contract still waits for, for its page (APPROVED only; otherwise nothing). */
export async function activationOutlook(
  db: DbTx,
  contract: { id: string; status: string; startDate: Date; endDate: Date; depositFen: number },
  now: Date,
): Promise<ActivationGap[]> {
  if (contract.status !== "APPROVED") return [];
  return activationGaps(contract, await receivedDepositFen(db, contract.id), now);
}

/**
 * An APPROVED contract becomes ACTIVE as soon as the last condition is met: the deposit received
 * in full and its start date come (China time). Called wherever one of them can become true (approval,
 * a deposit, a terms edit, the first send of the start day, the daily lifecycle), so it never waits
 * for the nightly job. Returns true when it activated. Safe to call any number of times.
 */
export async function activateIfReady(db: DbTx, actor: Actor, contractId: string, now: Date): Promise<boolean> {
  const contract = await loadContract(db, contractId);
  if (contract.status !== "APPROVED") return false;
  if (activationGaps(contract, await receivedDepositFen(db, contractId), now).length > 0) return false;
  const activated = await db.contract.updateMany({
    where: { id: contractId, status: "APPROVED" },
    data: { status: "ACTIVE", activatedAt: now },
  });
  if (activated.count !== 1) return false;
  await recordAudit(
    db,
    actor,
    {
      action: "contract.activated",
      entityType: "Contract",
      entityId: contractId,
      enterpriseId: contract.enterpriseId,
      detail: { from: "APPROVED", to: "ACTIVE" },
    },
    now,
  );
  return true;
}

export async function approveContract(db: Db, actor: Actor, contractId: string, now: Date) {
  const contract = await loadContract(db, contractId);
  assertStatus(contract, ["PENDING_REVIEW"]);
  await transition(db, contractId, ["PENDING_REVIEW"], {
    status: "APPROVED",
    approvedAt: now,
    approvedById: actor.userId,
    rejectionReason: null,
    rejectedAt: null,
  });
  await recordAudit(
    db,
    actor,
    {
      action: "contract.approved",
      entityType: "Contract",
      entityId: contractId,
      enterpriseId: contract.enterpriseId,
      detail: { from: "PENDING_REVIEW", to: "APPROVED" },
    },
    now,
  );
  await activateIfReady(db, actor, contractId, now);
}

export async function rejectContract(db: Db, actor: Actor, contractId: string, reason: string, now: Date) {
  const contract = await loadContract(db, contractId);
  assertStatus(contract, ["PENDING_REVIEW"]);
  await transition(db, contractId, ["PENDING_REVIEW"], {
    status: "REJECTED",
    rejectedAt: now,
    rejectionReason: reason,
  });
  await recordAudit(
    db,
    actor,
    {
      action: "contract.rejected",
      entityType: "Contract",
      entityId: contractId,
      enterpriseId: contract.enterpriseId,
      detail: { from: "PENDING_REVIEW", to: "REJECTED", reason },
    },
    now,
  );
}

async function packagePriceFor(db: DbTx, code: string, now: Date) {
  const pkg = await db.package.findUnique({ where: { code }, include: { prices: true } });
  const price = pkg?.active ? priceInForce(pkg.prices, now) : null;
  if (!pkg || !price) throw new AppError("PACKAGE_UNAVAILABLE");
  return { packageId: pkg.id, packagePriceId: price.id };
}

/** The customer admin corrects a returned application and submits it again. */
export async function resubmitContract(
  db: Db,
  actor: Actor,
  enterpriseId: string,
  input: { enterprise: PartyFields; packageCode: string },
  now: Date,
) {
  const contract = await db.contract.findFirst({
    where: { enterpriseId, status: "REJECTED" },
    orderBy: { createdAt: "desc" },
  });
  if (!contract) throw new AppError("CONTRACT_STATE", { status: "PENDING_REVIEW" });
  const fields = checkedPartyFields(input.enterprise);
  const clash = await db.enterprise.findFirst({
    where: { uscc: fields.uscc, NOT: { id: enterpriseId } },
    select: { id: true },
  });
  if (clash) throw new AppError("USCC_TAKEN");
  const pkg = await packagePriceFor(db, input.packageCode, now);
  await db.$transaction(async (tx) => {
    await tx.enterprise.update({ where: { id: enterpriseId }, data: fields });
    await transition(tx, contract.id, ["REJECTED"], {
      status: "PENDING_REVIEW",
      ...pkg,
      submittedAt: now,
      signedOn: toDbDate(toChinaDate(now)),
    });
    await recordAudit(
      tx,
      actor,
      {
        action: "contract.resubmitted",
        entityType: "Contract",
        entityId: contract.id,
        enterpriseId,
        detail: { from: "REJECTED", to: "PENDING_REVIEW", package: input.packageCode },
      },
      now,
    );
  });
  await issueContractDocument(db, contract.id, "更正后重新提交 / corrected and resubmitted", actor, now);
}

/** SALES edits the negotiable terms; each change issues a new document version. */
export async function updateContractTerms(
  db: Db,
  actor: Actor,
  contractId: string,
  input: NegotiableTermsInput,
  now: Date,
) {
  const contract = await loadContract(db, contractId);
  assertStatus(contract, ["PENDING_REVIEW", "REJECTED", "APPROVED", "ACTIVE", "SUSPENDED"]);
  const started = contract.status === "ACTIVE" || contract.status === "SUSPENDED";
  const { packageCode, startDate, endDate, ...rest } = input;
  if (started && startDate !== formatDbDate(contract.startDate))
    throw new AppError("CONTRACT_STATE", { status: contract.status });
  // A package change on a running contract goes through the change form (二 6), not here.
  if (
    started &&
    packageCode &&
    packageCode !== (await db.package.findUniqueOrThrow({ where: { id: contract.packageId } })).code
  ) {
    throw new AppError("CONTRACT_STATE", { status: contract.status });
  }
  const pkg = packageCode && !started ? await packagePriceFor(db, packageCode, now) : {};
  const data = {
    ...rest,
    ...pkg,
    startDate: toDbDate(parseChinaDate(startDate)),
    endDate: toDbDate(parseChinaDate(endDate)),
  };
  const before = contract as Record<string, unknown>;
  const changed = Object.fromEntries(
    Object.entries(data)
      .filter(
        ([k, v]) =>
          String(before[k] instanceof Date ? (before[k] as Date).toISOString() : before[k]) !==
          String(v instanceof Date ? v.toISOString() : v),
      )
      .map(([k, v]) => [
        k,
        {
          from: before[k] instanceof Date ? formatDbDate(before[k] as Date) : before[k],
          to: v instanceof Date ? formatDbDate(v) : v,
        },
      ]),
  );
  if (Object.keys(changed).length === 0) return { changed: false };
  await db.contract.update({ where: { id: contractId }, data });
  await recordAudit(
    db,
    actor,
    {
      action: "contract.terms.updated",
      entityType: "Contract",
      entityId: contractId,
      enterpriseId: contract.enterpriseId,
      detail: JSON.parse(JSON.stringify(changed)),
    },
    now,
  );
  await issueContractDocument(db, contractId, "条款变更 / terms changed", actor, now);
  // A start date moved to today, or a smaller deposit, can be the last condition of activation.
  await activateIfReady(db, actor, contractId, now);
  return { changed: true };
}

const formatDbDate = (value: Date): string => formatChinaDate(fromDbDate(value));

/**
 * SALES enters a contract signed on paper: the enterprise, its admin (with a one-time password
 * handed over by the bureau) and the contract, approved on entry.
 */
export async function enterPaperContract(
  db: Db,
  actor: Actor,
  input: {
    enterprise: PartyFields;
    admin: { name: string; email: string };
    packageCode: string;
    signedOn: string;
    terms: NegotiableTermsInput;
  },
  now: Date,
) {
  const fields = checkedPartyFields(input.enterprise);
  if (await db.enterprise.findUnique({ where: { uscc: fields.uscc }, select: { id: true } }))
    throw new AppError("USCC_TAKEN");
  if (await db.user.findUnique({ where: { email: input.admin.email }, select: { id: true } }))
    throw new AppError("EMAIL_TAKEN", { email: input.admin.email });
  const pkg = await packagePriceFor(db, input.packageCode, now);
  const initialPassword = randomBytes(9).toString("base64url");
  const passwordHash = await hashPassword(initialPassword);
  const { packageCode: _ignored, startDate, endDate, ...terms } = input.terms;
  const created = await db.$transaction(async (tx) => {
    const e = await tx.enterprise.create({ data: fields });
    await tx.user.create({
      data: {
        email: input.admin.email,
        name: input.admin.name,
        role: "CUSTOMER_ADMIN",
        enterpriseId: e.id,
        passwordHash,
        passwordChangedAt: now,
      },
    });
    const signedOn = parseChinaDate(input.signedOn);
    const contract = await tx.contract.create({
      data: {
        ...terms,
        ...pkg,
        number: await nextContractNumber(tx, signedOn.year),
        enterpriseId: e.id,
        status: "APPROVED",
        source: "PAPER",
        startDate: toDbDate(parseChinaDate(startDate)),
        endDate: toDbDate(parseChinaDate(endDate)),
        signedOn: toDbDate(signedOn),
        submittedAt: now,
        approvedAt: now,
        approvedById: actor.userId,
      },
    });
    await recordAudit(
      tx,
      actor,
      {
        action: "enterprise.entered",
        entityType: "Enterprise",
        entityId: e.id,
        enterpriseId: e.id,
        detail: { name: e.name, uscc: e.uscc },
      },
      now,
    );
    await recordAudit(
      tx,
      actor,
      {
        action: "contract.enteredFromPaper",
        entityType: "Contract",
        entityId: contract.id,
        enterpriseId: e.id,
        detail: { number: contract.number, to: "APPROVED" },
      },
      now,
    );
    return { enterpriseId: e.id, contractId: contract.id, number: contract.number };
  });
  await issueContractDocument(db, created.contractId, "纸质合同录入 / entered from paper", actor, now);
  return { ...created, adminEmail: input.admin.email, initialPassword };
}
