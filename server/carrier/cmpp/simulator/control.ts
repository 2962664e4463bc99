// The CMPP simulators' control endpoint: the SMPP one's rules (server/smpp/simulator/control.ts):
// 127.0.0.1 only, every request carries the secret (`Authorization: Bearer <secret>`, else 401),
// compared as SHA-256 digests in constant time. One endpoint serves several simulators by name:
//   GET  /<name>/state   GET /<name>/submits?limit=100   GET /<name>/reports?limit=100
//   POST /<name>/config  (partial settings)   POST /<name>/replies {from, to, text}
//   POST /<name>/connections/drop
// Names are what `npm run smsc` gives them: "cmpp3" and "cmpp2".
import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { z } from "zod";
import { generateControlSecret } from "../../../smpp/simulator/control";
import { type CmppSimulator } from "./server";
import { type CmppReplyInjection, SettingsError } from "./settings";

export interface CmppSimulatorControl {
  readonly url: string;
  readonly secret: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;
const limitSchema = z.coerce.number().int().min(1).max(10_000).default(100);

export async function startCmppSimulatorControl(
  simulators: Record<string, CmppSimulator>,
  options: { port?: number; secret?: string } = {},
): Promise<CmppSimulatorControl> {
  const host = "127.0.0.1";
  const secret = options.secret || generateControlSecret();
  const expected = digest(secret);
  const server = http.createServer((request, response) => {
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? "");
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      request.resume();
      return send(response, 401, { error: "unauthorized: the control endpoint's secret is missing or wrong" });
    }
    route(simulators, request)
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
    server.listen(options.port ?? 0, host, () => resolve());
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

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

async function route(
  simulators: Record<string, CmppSimulator>,
  request: http.IncomingMessage,
): Promise<[number, unknown]> {
  const url = new URL(request.url ?? "/", "http://control");
  const [, name = "", ...rest] = url.pathname.split("/");
  const simulator = Object.hasOwn(simulators, name) ? simulators[name] : undefined;
  if (!simulator) return [404, { error: `no simulator "${name}"; have ${Object.keys(simulators).join(", ")}` }];
  const endpoint = `${request.method} /${rest.join("/")}`;
  const limit = () => limitSchema.parse(url.searchParams.get("limit") ?? undefined);
  switch (endpoint) {
    case "GET /state":
      return [200, simulator.state()];
    case "GET /submits":
      return [
        200,
        simulator
          .submits()
          .slice(-limit())
          .map(({ msgContent, receivedAt, ...r }) => ({
            ...r,
            msgContentHex: msgContent.toString("hex"),
            receivedAt: receivedAt.toISOString(),
          })),
      ];
    case "GET /reports":
      return [200, simulator.reports().slice(-limit())];
    case "POST /config":
      return [200, simulator.configure((await readJson(request)) as never)];
    case "POST /replies":
      return [200, simulator.injectReply((await readJson(request)) as CmppReplyInjection)];
    case "POST /connections/drop":
      return [200, { dropped: simulator.dropConnections() }];
    default:
      return [404, { error: `no such endpoint: ${endpoint}` }];
  }
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
  response.end(JSON.stringify(body, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)));
}
