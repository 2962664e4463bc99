// 增值税 (VAT) inside a tax-inclusive amount, for the settlement receipt (结算凭证) and the invoice
// request (开票信息) that FINANCE types into the tax system.
// Amounts on statements are tax-inclusive (价税合计). Rates are held exactly, in basis points
// (600 = 6 %). The split is made once, on the whole amount, in integer fen:
//   excl = round_half_up(incl × 10000 / (10000 + rateBp))
//   tax  = incl − excl
// so that excl + tax is always exactly the inclusive amount (the tax system rounds the same way:
// price excluding tax from the inclusive total, tax as the difference).

/** The rate the bureau's SMS service is invoiced at unless configured otherwise: 6 % (现代服务业). */
export const DEFAULT_VAT_RATE_BP = 600;

export interface TaxSplit {
  /** 价税合计: what the customer pays, in fen. */
  inclusiveFen: number;
  /** 金额（不含税）, in fen. */
  exclusiveFen: number;
  /** 税额, in fen. */
  taxFen: number;
  rateBp: number;
}

/** Splits a tax-inclusive amount in fen at a rate in basis points; exclusiveFen + taxFen === inclusiveFen. */
export function splitInclusive(inclusiveFen: number, rateBp: number): TaxSplit {
  if (!Number.isSafeInteger(inclusiveFen)) throw new RangeError(`inclusiveFen must be an integer: ${inclusiveFen}`);
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > 10_000)
    throw new RangeError(`rateBp out of range: ${rateBp}`);
  const sign = inclusiveFen < 0 ? -1 : 1;
  const abs = Math.abs(inclusiveFen);
  const divisor = 10_000 + rateBp;
  // Half-up on the magnitude: floor((2·abs·10000 + divisor) / (2·divisor)). Exact for abs up to ~4.5e11 fen.
  const exclusive = Math.floor((2 * abs * 10_000 + divisor) / (2 * divisor));
  const exclusiveFen = sign * exclusive;
  return { inclusiveFen, exclusiveFen, taxFen: inclusiveFen - exclusiveFen, rateBp };
}

/** 600 → "6%", 550 → "5.5%", 0 → "0%". */
export function formatRateBp(rateBp: number): string {
  const whole = Math.floor(rateBp / 100);
  const frac = String(rateBp % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return frac ? `${whole}.${frac}%` : `${whole}%`;
}

/** "6" → 600, "5.5" → 550, "13.25" → 1325; null when not a percentage with at most two decimals. */
export function percentToBp(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bp <= 10_000 ? bp : null;
}
