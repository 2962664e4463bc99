// What a contract says: the filled-in blanks of the agreement (../shared/seeds: 集团短信应用服务协议).
// One object feeds the on-screen preview, the PDF and the lifecycle rules.
import type { ChinaDate } from "../clock";

/** A party's details as printed in the header and on the signature page. */
export interface PartyDetails {
  name: string;
  legalRepresentative: string;
  address: string;
  phone: string;
  uscc: string;
  bankName: string;
  bankAccount: string;
}

/** One row of the price table in clause 二 1. */
export interface PackageRow {
  code: string;
  nameZh: string;
  isFree: boolean;
  baseFeeFen: number;
  includedMessages: number;
  /** 厘 per message. */
  overagePriceLi: number;
  dailyCap: number;
}

export interface ContractTerms {
  /** e.g. QXT-HT-2026-0001; null on a preview before submission. */
  contractNumber: string | null;
  /** The document version this rendering is (1 for the first). */
  version: number;
  bureau: PartyDetails;
  customer: PartyDetails;
  /** The chosen package (二 6) at the price version agreed. */
  package: PackageRow;
  /** Every package offered, for the table in 二 1. */
  catalogue: PackageRow[];
  freePackageDailyCap: number;
  paymentWindowStartDay: number;
  paymentWindowEndDay: number;
  graceDays: number;
  /** Parts per million of the unpaid amount per day (500 = 0.05 %). */
  lateFeeRatePpm: number;
  suspensionAfterDays: number;
  depositFen: number;
  changeCutoffDay: number;
  startDate: ChinaDate;
  /** The last day of the end month; validity ends at 24:00 of it. */
  endDate: ChinaDate;
  renewalYears: number;
  objectionNoticeDays: number;
  arbitrationCommission: string;
  signingPlace: string;
  /** The China date both sides signed (online acceptance or paper), null on a preview. */
  signedOn: ChinaDate | null;
  /** When the customer accepted online, printed under the signature block. */
  acceptedOnlineAt: Date | null;
}
