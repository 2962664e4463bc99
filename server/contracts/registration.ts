// Self-registration (乙方 signs online): enterprise, admin user, package, preview, acceptance.
import { type Actor, recordAudit } from "../audit/log";
import { assertPasswordPolicy, hashPassword } from "../auth/password";
import { type ChinaDate, compareChinaDates, parseChinaDate, toChinaDate, toDbDate } from "../clock";
import type { Db, DbTx } from "../db";
import { checkedPartyFields } from "../enterprises/details";
import { AppError } from "../errors";
import { priceInForce } from "../packages/prices";
import { nextContractNumber } from "../sequences/counter";
import { issueContractDocument } from "./documents";
import type { RegistrationInput, RegistrationStepInput } from "./inputs";
import type { ContractTerms } from "./terms";
import { catalogueRows, partyOf } from "./terms-service";
import { defaultEndDate, firstOfNextMonth } from "./validity";

/** A new contract runs for one year from its start, then renews by the renewal term (三). */
export const INITIAL_TERM_YEARS = 1;
/** How far ahead a customer may propose the start of validity. */
const MAX_START_AHEAD_DAYS = 92;

async function availablePackage(db: DbTx, code: string, now: Date) {
  const pkg = await db.package.findUnique({ where: { code }, include: { prices: true } });
  const price = pkg?.active ? priceInForce(pkg.prices, now) : null;
  if (!pkg || !price) throw new AppError("PACKAGE_UNAVAILABLE");
  return { pkg, price };
}

function checkedStart(startDate: string | undefined, now: Date): ChinaDate {
  if (!startDate) return firstOfNextMonth(now);
  const start = parseChinaDate(startDate);
  const today = toChinaDate(now);
  const latest = toChinaDate(new Date(now.getTime() + MAX_START_AHEAD_DAYS * 86_400_000));
  if (compareChinaDates(start, today) < 0 || compareChinaDates(start, latest) > 0) {
    throw new AppError("INVALID_REQUEST", { detail: `startDate ${startDate}` });
  }
  return start;
}

/** The agreement exactly as it will be signed, before anything is stored (the preview step). */
export async function previewRegistration(db: DbTx, input: RegistrationInput, now: Date): Promise<ContractTerms> {
  const enterprise = checkedPartyFields(input.enterprise);
  const { pkg, price } = await availablePackage(db, input.packageCode, now);
  const bureau = await db.bureauConfig.findUniqueOrThrow({ where: { id: 1 } });
  const start = checkedStart(input.startDate, now);
  return {
    contractNumber: null,
    version: 1,
    bureau: partyOf(bureau),
    customer: partyOf(enterprise),
    package: {
      code: pkg.code,
      nameZh: pkg.nameZh,
      isFree: pkg.isFree,
      baseFeeFen: price.baseFeeFen,
      includedMessages: price.includedMessages,
      overagePriceLi: price.overagePriceLi,
      dailyCap: price.dailyCap,
    },
    catalogue: await catalogueRows(db, now),
    freePackageDailyCap: bureau.freePackageDailyCap,
    paymentWindowStartDay: bureau.paymentWindowStartDay,
    paymentWindowEndDay: bureau.paymentWindowEndDay,
    graceDays: bureau.graceDays,
    lateFeeRatePpm: bureau.lateFeeRatePpm,
    suspensionAfterDays: bureau.suspensionAfterDays,
    depositFen: bureau.depositFen,
    changeCutoffDay: bureau.changeCutoffDay,
    startDate: start,
    endDate: defaultEndDate(start, INITIAL_TERM_YEARS),
    renewalYears: bureau.renewalYears,
    objectionNoticeDays: bureau.objectionNoticeDays,
    arbitrationCommission: bureau.arbitrationCommission,
    signingPlace: bureau.signingPlace,
    signedOn: toChinaDate(now),
    acceptedOnlineAt: null,
  };
}

/**
 * Checks one step of the form as the final submit will, so that a USCC or e-mail already registered
 * is reported at its own step rather than after the whole agreement was read. Throws USCC_INVALID,
 * PHONE_INVALID, MOBILE_INVALID, USCC_TAKEN or EMAIL_TAKEN.
 */
export async function checkRegistrationStep(db: DbTx, input: RegistrationStepInput): Promise<{ ok: true }> {
  if (input.enterprise) {
    const enterprise = checkedPartyFields(input.enterprise);
    await assertNotTaken(db, enterprise.uscc, []);
  }
  if (input.adminEmail) await assertNotTaken(db, null, [input.adminEmail]);
  return { ok: true };
}

async function assertNotTaken(db: DbTx, uscc: string | null, emails: string[]) {
  if (uscc !== null && (await db.enterprise.findUnique({ where: { uscc }, select: { id: true } })))
    throw new AppError("USCC_TAKEN");
  for (const email of new Set(emails)) {
    if (await db.user.findUnique({ where: { email }, select: { id: true } }))
      throw new AppError("EMAIL_TAKEN", { email });
  }
}

/**
 * Creates the enterprise, its admin and the contract (PENDING_REVIEW) with the bureau's default
 * terms, then issues document version 1. Throws USCC_TAKEN / EMAIL_TAKEN / USCC_INVALID / ...
 */
export async function registerEnterprise(
  db: Db,
  input: RegistrationInput,
  client: { ip?: string | null; userAgent?: string | null },
  now: Date,
) {
  const terms = await previewRegistration(db, input, now);
  const enterprise = checkedPartyFields(input.enterprise);
  assertPasswordPolicy(input.admin.password, input.admin.email);
  await assertNotTaken(db, enterprise.uscc, [input.admin.email]);
  const passwordHash = await hashPassword(input.admin.password);
  const { pkg, price } = await availablePackage(db, input.packageCode, now);
  const bureau = await db.bureauConfig.findUniqueOrThrow({ where: { id: 1 } });

  const created = await db.$transaction(async (tx) => {
    // Checked again inside the transaction; the unique indexes are the last word.
    await assertNotTaken(tx, enterprise.uscc, [input.admin.email]);
    const e = await tx.enterprise.create({ data: enterprise });
    const admin = await tx.user.create({
      data: {
        email: input.admin.email,
        name: input.admin.name,
        role: "CUSTOMER_ADMIN",
        enterpriseId: e.id,
        passwordHash,
        passwordChangedAt: now,
      },
    });
    const contract = await tx.contract.create({
      data: {
        number: await nextContractNumber(tx, toChinaDate(now).year),
        enterpriseId: e.id,
        packageId: pkg.id,
        packagePriceId: price.id,
        status: "PENDING_REVIEW",
        source: "ONLINE",
        startDate: toDbDate(terms.startDate),
        endDate: toDbDate(terms.endDate),
        paymentWindowStartDay: bureau.paymentWindowStartDay,
        paymentWindowEndDay: bureau.paymentWindowEndDay,
        graceDays: bureau.graceDays,
        lateFeeRatePpm: bureau.lateFeeRatePpm,
        suspensionAfterDays: bureau.suspensionAfterDays,
        changeCutoffDay: bureau.changeCutoffDay,
        renewalYears: bureau.renewalYears,
        objectionNoticeDays: bureau.objectionNoticeDays,
        arbitrationCommission: bureau.arbitrationCommission,
        depositFen: bureau.depositFen,
        freePackageDailyCap: bureau.freePackageDailyCap,
        signingPlace: bureau.signingPlace,
        signedOn: toDbDate(toChinaDate(now)),
        submittedAt: now,
      },
    });
    const actor: Actor = { userId: admin.id, role: admin.role, ...client };
    await recordAudit(
      tx,
      actor,
      {
        action: "enterprise.registered",
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
        action: "contract.submitted",
        entityType: "Contract",
        entityId: contract.id,
        enterpriseId: e.id,
        detail: { number: contract.number, package: pkg.code, status: "PENDING_REVIEW" },
      },
      now,
    );
    return { enterpriseId: e.id, contractId: contract.id, contractNumber: contract.number, actor };
  });
  await issueContractDocument(db, created.contractId, "在线签署 / signed online", created.actor, now);
  return { enterpriseId: created.enterpriseId, contractId: created.contractId, contractNumber: created.contractNumber };
}
