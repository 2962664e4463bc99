// Inngest's request signature (X-Inngest-Signature: `t=<unix seconds>&s=<hex>`): HMAC-SHA256, keyed
// with the signing key without its `signkey-<env>-` prefix, over the request body followed by the
// timestamp, as the SDK checks it: a JSON body is taken in canonical form (RFC 8785: keys sorted,
// no whitespace), an empty one as "". Signatures older or newer than 5 minutes are refused.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-inngest-signature";
const WINDOW_MS = 5 * 60 * 1000;

/** The body the way the SDK signs it: canonical JSON, or the text itself when it is not JSON. */
function signedText(body: string): string {
  if (!body) return "";
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  return typeof parsed === "string" ? parsed : canonicalJson(parsed);
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
}

function hmac(key: string, text: string, timestamp: string): Buffer {
  return createHmac("sha256", key.replace(/^signkey-\w+-/, ""))
    .update(text)
    .update(timestamp)
    .digest();
}

/** The header value signing `body` at `now` (what the Inngest server sends; for tests and tools). */
export function signInngestRequest(body: string, signingKey: string, now: Date): string {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return `t=${timestamp}&s=${hmac(signingKey, signedText(body), timestamp).toString("hex")}`;
}

/** True when `header` signs `body` with one of `signingKeys` (the key and its fallback) within 5 minutes of `now`. */
export function verifyInngestSignature(
  header: string | null,
  body: string,
  signingKeys: readonly string[],
  now: Date,
): boolean {
  if (!header) return false;
  const params = new URLSearchParams(header);
  const timestamp = params.get("t") ?? "";
  const signature = params.get("s") ?? "";
  if (!/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > WINDOW_MS) return false;
  const presented = Buffer.from(signature, "hex");
  const text = signedText(body);
  return signingKeys.some((key) => key && timingSafeEqual(hmac(key, text, timestamp), presented));
}
