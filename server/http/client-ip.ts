// The client's address, for sessions, the audit log and rate limits: one function for every entry
// point (next-auth, tRPC, route handlers, HTTP API v1).
//
// The peer of the socket is the only address a client cannot forge. Next's route handlers do not
// see the socket, so the app's server (server/http/serve.ts) writes it into PEER_ADDRESS_HEADER,
// replacing whatever a client sent under that name. X-Forwarded-For / X-Real-IP are believed only
// as far as they were written by a proxy listed in TRUSTED_PROXIES (IPs, CIDRs, or proxy-addr's
// names loopback / linklocal / uniquelocal; default none): walking the chain from the peer
// leftwards, the first address that is not a trusted proxy is the client.
import ipaddr from "ipaddr.js";
import proxyaddr from "proxy-addr";

export const PEER_ADDRESS_HEADER = "x-qxt-peer-addr";

type HeaderBag = Record<string, string | string[] | undefined> | Headers | undefined;
type Trust = (address: string, hop: number) => boolean;

const holder = globalThis as unknown as { qxtPeerAddressStamped?: boolean };

/** Called by the server that writes PEER_ADDRESS_HEADER: without it the header is not believed. */
export function markPeerAddressStamped(): void {
  holder.qxtPeerAddressStamped = true;
}

function header(headers: HeaderBag, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : (value ?? null);
}

/** The trust function for a TRUSTED_PROXIES value (throws on an entry that is neither an IP, a CIDR nor a name). */
export function compileTrustedProxies(list: string | undefined): Trust {
  const entries = (list ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return () => false;
  try {
    return proxyaddr.compile(entries);
  } catch (error) {
    throw new Error(`TRUSTED_PROXIES: ${(error as Error).message}`);
  }
}

let compiled: { list: string | undefined; trust: Trust } | undefined;
function trustedProxies(): Trust {
  const list = process.env.TRUSTED_PROXIES;
  if (!compiled || compiled.list !== list) compiled = { list, trust: compileTrustedProxies(list) };
  return compiled.trust;
}

function normalise(address: string): string | null {
  const trimmed = address.trim();
  if (!ipaddr.isValid(trimmed)) return null;
  return ipaddr.process(trimmed).toString();
}

/**
 * The client's address given the socket's peer and the forwarding headers: the peer unless it is a
 * trusted proxy, else the right-most address of X-Forwarded-For (X-Real-IP when there is none) that
 * is not one. An entry that is not an address ends the walk at the proxy that passed it on.
 */
export function resolveClientIp(
  peer: string | null,
  forwardedFor: string | null,
  realIp: string | null,
  trust: Trust,
): string | null {
  const socket = peer ? normalise(peer) : null;
  if (!socket) return null;
  const chain = forwardedFor ? forwardedFor.split(",").reverse() : realIp ? [realIp] : [];
  let client = socket;
  for (let hop = 0; trust(client, hop) && hop < chain.length; hop++) {
    const next = normalise(chain[hop]!);
    if (!next) break;
    client = next;
  }
  return client;
}

/** The client's address for a request's headers (null when the server did not stamp the peer). */
export function clientIp(headers: HeaderBag): string | null {
  const peer = holder.qxtPeerAddressStamped ? header(headers, PEER_ADDRESS_HEADER) : null;
  return resolveClientIp(peer, header(headers, "x-forwarded-for"), header(headers, "x-real-ip"), trustedProxies());
}
