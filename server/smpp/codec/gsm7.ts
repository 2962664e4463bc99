// GSM 03.38 default alphabet and its extension table, as SMPP carries it with data_coding 0:
// one septet per octet (unpacked); the SMSC packs septets for the air interface.

const ESC = 0x1b;

// Index = septet value. 0x1B is the escape to the extension table, not a character.
const BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

// Characters reached through ESC: they cost two septets each, which is what breaks naive counters.
const EXTENSION: ReadonlyArray<readonly [string, number]> = [
  ["\f", 0x0a],
  ["^", 0x14],
  ["{", 0x28],
  ["}", 0x29],
  ["\\", 0x2f],
  ["[", 0x3c],
  ["~", 0x3d],
  ["]", 0x3e],
  ["|", 0x40],
  ["€", 0x65],
];

const basicSeptet = new Map<string, number>();
for (let i = 0; i < BASIC.length; i++) {
  if (i !== ESC) basicSeptet.set(BASIC[i]!, i);
}
const extensionSeptet = new Map<string, number>(EXTENSION);
const extensionChar = new Map<number, string>(EXTENSION.map(([char, septet]) => [septet, char]));

/** Septets a character costs in GSM-7 (1 basic, 2 extension), or null when GSM-7 cannot carry it. */
export function gsm7SeptetCost(char: string): 1 | 2 | null {
  if (basicSeptet.has(char)) return 1;
  if (extensionSeptet.has(char)) return 2;
  return null;
}

/** True when every character of the text exists in the GSM-7 default alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (const char of text) {
    if (gsm7SeptetCost(char) === null) return false;
  }
  return true;
}

/** Septets the text takes in GSM-7 (extension characters count 2). Throws on characters GSM-7 lacks. */
export function gsm7Length(text: string): number {
  let septets = 0;
  for (const char of text) {
    const cost = gsm7SeptetCost(char);
    if (cost === null) throw new RangeError(`not a GSM-7 character: U+${char.codePointAt(0)!.toString(16)}`);
    septets += cost;
  }
  return septets;
}

/** Unpacked septets (one per byte). Throws on characters GSM-7 lacks. */
export function encodeGsm7(text: string): Buffer {
  const out: number[] = [];
  for (const char of text) {
    const basic = basicSeptet.get(char);
    if (basic !== undefined) {
      out.push(basic);
      continue;
    }
    const extension = extensionSeptet.get(char);
    if (extension === undefined) throw new RangeError(`not a GSM-7 character: U+${char.codePointAt(0)!.toString(16)}`);
    out.push(ESC, extension);
  }
  return Buffer.from(out);
}

/**
 * Unpacked septets to text. An escape followed by a code the extension table lacks shows the
 * basic character instead (what GSM 03.38 asks receivers to do); a trailing escape is dropped.
 */
export function decodeGsm7(bytes: Buffer): string {
  let text = "";
  for (let i = 0; i < bytes.length; i++) {
    const septet = bytes[i]! & 0x7f;
    if (septet === ESC) {
      const next = bytes[i + 1];
      if (next === undefined) break;
      i++;
      const code = next & 0x7f;
      text += extensionChar.get(code) ?? (code === ESC ? " " : BASIC[code]!);
      continue;
    }
    text += BASIC[septet]!;
  }
  return text;
}
