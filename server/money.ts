// Money is integer fen (分); unit prices are integer li (厘, 0.001 元). One helper for all of it.

/** Integer division rounded half-up (for non-negative numerators and positive denominators). */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError("denominator must be positive");
  if (numerator < 0n) return -divideHalfUp(-numerator, denominator);
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** count × unit price in li, as fen rounded half-up once (1 fen = 10 li). */
export function liTimesCountToFen(unitPriceLi: number, count: number): number {
  return Number(divideHalfUp(BigInt(unitPriceLi) * BigInt(count), 10n));
}

const groupThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** 11170 → "111.70" (no unit). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${groupThousands(String(Math.floor(abs / 100)))}.${String(abs % 100).padStart(2, "0")}`;
}

/** 11170 → "¥111.70" */
export function formatYuan(fen: number): string {
  return fen < 0 ? `-¥${formatFen(-fen)}` : `¥${formatFen(fen)}`;
}

/** 45 → "0.045" (yuan per message, three decimals). */
export function formatLiAsYuan(li: number): string {
  const sign = li < 0 ? "-" : "";
  const abs = Math.abs(li);
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, "0")}`;
}

/** Parses "111.7" / "111.70" / "1,000" (yuan) into fen; null when it is not an amount with at most 2 decimals. */
export function parseYuanToFen(text: string): number | null {
  const match = /^\s*(-)?(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const whole = Number((match[2] ?? "0").replaceAll(",", ""));
  const fraction = Number((match[3] ?? "").padEnd(2, "0") || "0");
  const fen = whole * 100 + fraction;
  if (!Number.isSafeInteger(fen)) return null;
  return match[1] ? -fen : fen;
}

/** Parses "0.045" (yuan per message, at most 3 decimals) into li. */
export function parseYuanToLi(text: string): number | null {
  const match = /^\s*(\d+)(?:\.(\d{1,3}))?\s*$/.exec(text);
  if (!match) return null;
  const li = Number(match[1]) * 1000 + Number((match[2] ?? "").padEnd(3, "0") || "0");
  return Number.isSafeInteger(li) ? li : null;
}

const DIGITS = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
const SMALL_UNITS = ["", "拾", "佰", "仟"];
const BIG_UNITS = ["", "万", "亿", "万亿"];

/** A group of up to four digits in capitals, e.g. 1005 → "壹仟零伍". */
function fourDigits(n: number): string {
  let out = "";
  let pendingZero = false;
  for (let position = 3; position >= 0; position--) {
    const digit = Math.floor(n / 10 ** position) % 10;
    if (digit === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (pendingZero) out += "零";
    pendingZero = false;
    out += (DIGITS[digit] ?? "") + (SMALL_UNITS[position] ?? "");
  }
  return out;
}

/**
 * An amount in fen in Chinese financial capitals (大写), as printed on contracts and invoices:
 * 500000 → "伍仟元整", 11170 → "壹佰壹拾壹元柒角", 1005 → "壹拾元零伍分", 0 → "零元整".
 */
export function fenToChineseCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError("amount must be a non-negative whole number of fen");
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;

  let integer = "";
  if (yuan === 0) {
    integer = "";
  } else {
    const groups: number[] = [];
    for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10000)) groups.push(rest % 10000);
    let needZero = false;
    for (let i = groups.length - 1; i >= 0; i--) {
      const group = groups[i] ?? 0;
      if (group === 0) {
        needZero = integer !== "";
        continue;
      }
      if (integer && (needZero || group < 1000)) integer += "零";
      integer += fourDigits(group) + (BIG_UNITS[i] ?? "");
      needZero = false;
    }
  }

  if (yuan === 0 && jiao === 0 && fenDigit === 0) return "零元整";
  let out = integer ? `${integer}元` : "";
  if (jiao === 0 && fenDigit === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (integer) out += "零";
  if (fenDigit > 0) out += `${DIGITS[fenDigit]}分`;
  return out;
}
