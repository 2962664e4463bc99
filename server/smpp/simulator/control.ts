// The simulator's control endpoint: a tiny JSON API on 127.0.0.1 for the CLI and the back office.
// Every request carries the endpoint's secret (`Authorization: Bearer <secret>`, else 401): another
// process on the machine (a second instance of the app, with its own simulator) cannot drive it.
//   GET  /state                 counters, sessions, settings
//   GET  /submits?limit=100     the last submit_sm received (bytes as hex)
//   GET  /receipts?limit=100    the last receipt deliver_sm written, with what became of each
//   POST /config                partial settings, applied at once; answers the new settings
//   POST /replies               {from, to, text}: a handset's reply, delivered as deliver_sm
//   POST /connections/drop      cut every client connection now
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { type Simulator } from "./server";
import { type ReplyInjection, SettingsError } from "./settings";
import { type SentReceiptView, type SubmitView } from "./types";
import { z } from "zod";

/** Where a control endpoint listens and the secret it expects: what a client needs. */
export interface SimulatorControlAccess {
  readonly url: string;
  readonly secret: string;
}

export interface SimulatorControl extends SimulatorControlAccess {
  close(): Promise<void>;
}

/** A fresh secret for an endpoint started without one. */
export function generateControlSecret(): string {
  return randomBytes(24).toString("base64url");
}

const MAX_BODY = 64 * 1024;

/** Listens on 127.0.0.1 only; `secret` defaults to a random one (read it from the result). */
export async function startSimulatorControl(
  simulator: Simulator,
  options: { port?: number; secret?: string } = {},
): Promise<SimulatorControl> {
  const host = "127.0.0.1";
  const secret = options.secret || generateControlSecret();
  const expected = digest(secret);
  const server = http.createServer((request, response) => {
    if (!authorized(request, expected)) {
      request.resume();
      send(response, 401, { error: "unauthorized: the control endpoint's secret is missing or wrong" });
      return;
    }
    route(simulator, request)
      .then(([status, body]) => send(response, status, body))
      .catch((error: unknown) => {
        const invalid = error instanceof SettingsError || error instanceof z.ZodError || error instanceof SyntaxError;
        send(response, invalid ? 400 : 500, {
          error: error instanceof z.ZodError ? z.prettifyError(error) : String((error as Error).message),
        });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 2776, host, () => resolve());
  });
  const address = server.address();
  const port = address && typeof address === "object" ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    secret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Compared as SHA-256 digests: constant time, whatever the length of what was sent.
function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

function authorized(request: http.IncomingMessage, expected: Buffer): boolean {
  const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? "");
  return match !== null && timingSafeEqual(digest(match[1]!), expected);
}

async function route(simulator: Simulator, request: http.IncomingMessage): Promise<[number, unknown]> {
  const url = new URL(request.url ?? "/", "http://control");
  const endpoint = `${request.method} ${url.pathname}`;
  switch (endpoint) {
    case "GET /state":
      return [200, simulator.state()];
    case "GET /submits": {
      const limit = z.coerce
        .number()
        .int()
        .min(1)
        .max(10_000)
        .default(100)
        .parse(url.searchParams.get("limit") ?? undefined);
      return [200, simulator.submits().slice(-limit).map(toView)];
    }
    case "GET /receipts": {
      const limit = z.coerce
        .number()
        .int()
        .min(1)
        .max(10_000)
        .default(100)
        .parse(url.searchParams.get("limit") ?? undefined);
      return [200, simulator.receiptsSent().slice(-limit).map(toReceiptView)];
    }
    case "POST /config":
      return [200, simulator.configure(await readJson(request))];
    case "POST /replies":
      // injectReply validates its input (zod) itself.
      return [200, simulator.injectReply((await readJson(request)) as ReplyInjection)];
    case "POST /connections/drop":
      return [200, { dropped: simulator.dropConnections() }];
    default:
      return [404, { error: `no such endpoint: ${endpoint}` }];
  }
}

function toView(record: ReturnType<Simulator["submits"]>[number]): SubmitView {
  const { shortMessage, receivedAt, ...rest } = record;
  return { ...rest, shortMessageHex: shortMessage.toString("hex"), receivedAt: receivedAt.toISOString() };
}

function toReceiptView(record: ReturnType<Simulator["receiptsSent"]>[number]): SentReceiptView {
  return { ...record, sentAt: record.sentAt.toISOString() };
}

async function readJson(request: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new SettingsError("request body too large");
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : {};
}

function send(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}
