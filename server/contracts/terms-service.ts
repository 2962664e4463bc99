// Builds ContractTerms from the database: one source for the preview, the PDF and the portal.
import { packageInForce } from "../billing/package-changes";
import { fromDbDate, toChinaDate } from "../clock";
import type { DbTx } from "../db";
import { AppError } from "../errors";
import { priceInForce } from "../packages/prices";
import type { ContractTerms, PackageRow, PartyDetails } from "./terms";

type PriceFields = { baseFeeFen: number; includedMessages: number; overagePriceLi: number; dailyCap: number };

function packageRow(pkg: { code: string; nameZh: string; isFree: boolean }, price: PriceFields): PackageRow {
  return {
    code: pkg.code,
    nameZh: pkg.nameZh,
    isFree: pkg.isFree,
    baseFeeFen: price.baseFeeFen,
    includedMessages: price.includedMessages,
    overagePriceLi: price.overagePriceLi,
    dailyCap: price.dailyCap,
  };
}

export function partyOf(p: PartyDetails): PartyDetails {
  return {
    name: p.name,
    legalRepresentative: p.legalRepresentative,
    address: p.address,
    phone: p.phone,
    uscc: p.uscc,
    bankName: p.bankName,
    bankAccount: p.bankAccount,
  };
}

/** The catalogue rows printed in clause 二 1, at the prices in force on the given date. */
export async function catalogueRows(db: DbTx, on: Date): Promise<PackageRow[]> {
  const packages = await db.package.findMany({
    where: { active: true },
    orderBy: [{ sortOrder: "asc" }, { code: "asc" }],
    include: { prices: true },
  });
  return packages.flatMap((p) => {
    const price = priceInForce(p.prices, on);
    return price ? [packageRow(p, price)] : [];
  });
}

export async function contractTerms(db: DbTx, contractId: string, version: number, at: Date): Promise<ContractTerms> {
  const contract = await db.contract.findUnique({
    where: { id: contractId },
    include: { enterprise: true },
  });
  if (!contract) throw new AppError("NOT_FOUND");
  const bureau = await db.bureauConfig.findUniqueOrThrow({ where: { id: 1 } });
  const catalogue = await catalogueRows(db, at);
  // The package in force on the day the version is issued (a change form counts from its effective
  // date), printed at the agreed price, whatever the catalogue says today.
  const inForce = await packageInForce(db, contractId, toChinaDate(at));
  const chosen = packageRow(inForce.package, inForce.price);
  const rows = catalogue.some((r) => r.code === chosen.code)
    ? catalogue.map((r) => (r.code === chosen.code ? chosen : r))
    : [...catalogue, chosen];
  return {
    contractNumber: contract.number,
    version,
    bureau: partyOf(bureau),
    customer: partyOf(contract.enterprise),
    package: chosen,
    catalogue: rows,
    freePackageDailyCap: contract.freePackageDailyCap,
    paymentWindowStartDay: contract.paymentWindowStartDay,
    paymentWindowEndDay: contract.paymentWindowEndDay,
    graceDays: contract.graceDays,
    lateFeeRatePpm: contract.lateFeeRatePpm,
    suspensionAfterDays: contract.suspensionAfterDays,
    depositFen: contract.depositFen,
    changeCutoffDay: contract.changeCutoffDay,
    startDate: fromDbDate(contract.startDate),
    endDate: fromDbDate(contract.endDate),
    renewalYears: contract.renewalYears,
    objectionNoticeDays: contract.objectionNoticeDays,
    arbitrationCommission: contract.arbitrationCommission,
    signingPlace: contract.signingPlace,
    signedOn: contract.signedOn ? fromDbDate(contract.signedOn) : null,
    acceptedOnlineAt: contract.source === "ONLINE" ? contract.submittedAt : null,
  };
}
