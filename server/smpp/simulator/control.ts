// The simulator's control endpoint: a tiny JSON API on 127.0.0.1 for the CLI and the back office.
//   GET  /state                 counters, sessions, settings
//   GET  /submits?limit=100     the last submit_sm received (bytes as hex)
//   GET  /receipts?limit=100    the last receipt deliver_sm written, with what became of each
//   POST /config                partial settings, applied at once; answers the new settings
//   POST /replies               {from, to, text}: a handset's reply, delivered as deliver_sm
//   POST /connections/drop      cut every client connection now
import http from "node:http";
import { type Simulator } from "./server";
import { type ReplyInjection, SettingsError } from "./settings";
import { type SentReceiptView, type SubmitView } from "./types";
import { z } from "zod";

export interface SimulatorControl {
  readonly url: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

export async function startSimulatorControl(simulator: Simulator, options: { host?: string; port?: number } = {}): Promise<SimulatorControl> {
  const host = options.host ?? "127.0.0.1";
  const server = http.createServer((request, response) => {
    route(simulator, request)
      .then(([status, body]) => send(response, status, body))
      .catch((error: unknown) => {
        const invalid = error instanceof SettingsError || error instanceof z.ZodError || error instanceof SyntaxError;
        send(response, invalid ? 400 : 500, { error: error instanceof z.ZodError ? z.prettifyError(error) : String((error as Error).message) });
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function route(simulator: Simulator, request: http.IncomingMessage): Promise<[number, unknown]> {
  const url = new URL(request.url ?? "/", "http://control");
  const endpoint = `${request.method} ${url.pathname}`;
  switch (endpoint) {
    case "GET /state":
      return [200, simulator.state()];
    case "GET /submits": {
      const limit = z.coerce.number().int().min(1).max(10_000).default(100).parse(url.searchParams.get("limit") ?? undefined);
      return [200, simulator.submits().slice(-limit).map(toView)];
    }
    case "GET /receipts": {
      const limit = z.coerce.number().int().min(1).max(10_000).default(100).parse(url.searchParams.get("limit") ?? undefined);
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
