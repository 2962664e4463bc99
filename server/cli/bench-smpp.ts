// `npm run bench:smpp [-- --segments 20000 --json FILE]`
// Throughput and submit_sm -> submit_sm_resp latency over loopback, for windows 1/10/50 and 1/4
// binds, through the pool to the simulator, next to the ceiling of the smpp package itself
// (its own client and server, no pool logic, same window) measured the same way in the same run.
// The SMSC side runs in a child process in both cases, so client and server each get a core.
// Segments ask for no receipt: this measures the submit path only.
import "../load-env";
import { fork, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import smpp from "smpp";
import { encodeMessage, withSignature } from "../smpp/codec";
import { loadSmppConfig } from "../smpp/config";
import { percentile } from "../smpp/pool/meter";
import { createSmppPool } from "../smpp/pool/pool";
import { type SegmentSubmission, silentLogger } from "../smpp/pool/types";
import { startSimulator } from "../smpp/simulator/server";

const WINDOWS = [1, 10, 50];
const BINDS = [1, 4];
const SYSTEM_ID = "bench";
const PASSWORD = "bench";

const { values } = parseArgs({
  options: {
    segments: { type: "string", default: "20000" },
    repeat: { type: "string", default: "5" },
    json: { type: "string" },
    serve: { type: "string" },
  },
});

interface Measure {
  segmentsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

interface Cell {
  binds: number;
  window: number;
  /** The smpp package's client and server, no pool logic. */
  raw: Measure;
  /** The pool to the simulator. */
  pool: Measure;
  /** pool segments/s divided by raw segments/s. */
  ratio: number;
  /** The pool to the package's bare server: the pool's own overhead, without the simulator's. */
  poolToRawServer: Measure;
  poolToRawServerRatio: number;
}

if (values.serve) {
  await serve(values.serve);
} else {
  await main(Number(values.segments), Number(values.repeat));
}

// ---- the SMSC side, in a child process ----

async function serve(kind: string): Promise<void> {
  if (kind === "simulator") {
    const simulator = await startSimulator({ port: 0, systemId: SYSTEM_ID, password: PASSWORD });
    process.on("message", (message) => {
      if (message === "clear") simulator.clearRecords();
      if (message === "stop") void simulator.close().then(() => process.exit(0));
    });
    process.send!({ port: simulator.port });
    return;
  }
  // The package's own server: answer binds and submits, nothing else.
  let next = 0;
  const server = smpp.createServer((session) => {
    session.on("error", () => {});
    session.on("bind_transceiver", (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on("submit_sm", (pdu: smpp.PDU) =>
      session.send(pdu.response({ message_id: (0x1a000000 + next++).toString(16).toUpperCase() })),
    );
    session.on("enquire_link", (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on("unbind", (pdu: smpp.PDU) => {
      session.send(pdu.response());
      session.close();
    });
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.send!({ port: typeof address === "object" && address ? address.port : 0 });
  });
  process.on("message", (message) => {
    if (message === "stop") process.exit(0);
  });
}

async function startChild(kind: "raw" | "simulator"): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(process.argv[1]!, ["--serve", kind], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { child, port };
}

// ---- the client side ----

async function main(segments: number, repeat: number): Promise<void> {
  const message = encodeMessage(
    withSignature(
      "您的订单已发货，快递单号为SF1234567890，预计明天送达，请保持电话畅通。如有疑问请致电客服。",
      "某某公司",
    ),
    {
      reference: 1,
    },
  );
  const segment = message.segments[0]!;
  const wire = Buffer.concat([segment.udh ?? Buffer.alloc(0), segment.payload]);
  const raw = await startChild("raw");
  const simulator = await startChild("simulator");
  try {
    // Warm both paths up so that neither pays for JIT compilation inside a measured cell.
    await measureRaw(raw.port, 1, 10, 5_000, wire);
    await measurePool(simulator.port, 1, 10, 5_000, segment.udh, segment.payload);
    simulator.child.send("clear");

    const cells: Cell[] = [];
    for (const binds of BINDS) {
      for (const window of WINDOWS) {
        // Interleaved repeats, median of each: loopback throughput on a shared machine is noisy.
        const runs: { raw: Measure[]; pool: Measure[]; poolToRawServer: Measure[] } = {
          raw: [],
          pool: [],
          poolToRawServer: [],
        };
        for (let r = 0; r < repeat; r++) {
          runs.raw.push(await measureRaw(raw.port, binds, window, segments, wire));
          runs.pool.push(await measurePool(simulator.port, binds, window, segments, segment.udh, segment.payload));
          simulator.child.send("clear");
          runs.poolToRawServer.push(await measurePool(raw.port, binds, window, segments, segment.udh, segment.payload));
          process.stderr.write(".");
        }
        const [rawMeasure, poolMeasure, poolToRawServer] = [
          median(runs.raw),
          median(runs.pool),
          median(runs.poolToRawServer),
        ];
        cells.push({
          binds,
          window,
          raw: rawMeasure,
          pool: poolMeasure,
          ratio: poolMeasure.segmentsPerSecond / rawMeasure.segmentsPerSecond,
          poolToRawServer,
          poolToRawServerRatio: poolToRawServer.segmentsPerSecond / rawMeasure.segmentsPerSecond,
        });
      }
    }
    process.stderr.write("\n");
    printTable(segments, cells);
    if (values.json) {
      const report = {
        segments,
        repeat,
        node: process.version,
        segmentBytes: wire.length,
        dataCoding: message.dataCoding,
        cells,
      };
      writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`written to ${values.json}`);
    }
  } finally {
    raw.child.send("stop");
    simulator.child.send("stop");
  }
}

function submitParams(wire: Buffer): Record<string, unknown> {
  // Field for field what the pool's bind sends (pool/session.ts).
  return {
    service_type: "",
    source_addr_ton: 0,
    source_addr_npi: 0,
    source_addr: "10690000",
    dest_addr_ton: 0,
    dest_addr_npi: 1,
    destination_addr: "13800138000",
    esm_class: 0x40,
    registered_delivery: 0,
    data_coding: 8,
    short_message: wire,
  };
}

/** The smpp package alone: `binds` sessions, each keeping `window` submit_sm outstanding. */
async function measureRaw(port: number, binds: number, window: number, total: number, wire: Buffer): Promise<Measure> {
  const sessions = await Promise.all(
    Array.from(
      { length: binds },
      () =>
        new Promise<smpp.Session>((resolve, reject) => {
          const session = smpp.connect({ host: "127.0.0.1", port }, () => {
            session.bind_transceiver({ system_id: SYSTEM_ID, password: PASSWORD }, (pdu) =>
              pdu.command_status === 0 ? resolve(session) : reject(new Error("bind refused")),
            );
          });
          session.on("error", reject);
        }),
    ),
  );
  const latencies = new Float64Array(total);
  let sent = 0;
  let done = 0;
  const started = performance.now();
  const seconds = await new Promise<number>((resolve) => {
    const sendOne = (session: smpp.Session) => {
      if (sent >= total) return;
      sent++;
      const at = performance.now();
      session.submit_sm(submitParams(wire), () => {
        latencies[done++] = performance.now() - at;
        if (done === total) resolve((performance.now() - started) / 1000);
        else sendOne(session);
      });
    };
    for (const session of sessions) for (let i = 0; i < window; i++) sendOne(session);
  });
  await Promise.all(sessions.map((session) => new Promise<void>((resolve) => session.destroy(() => resolve()))));
  return summarise(total, seconds, latencies);
}

/** The pool: one batch of `total` segments, the pool sending with `binds` binds of `window`. */
async function measurePool(
  port: number,
  binds: number,
  window: number,
  total: number,
  udh: Buffer | null,
  payload: Buffer,
): Promise<Measure> {
  const config = {
    ...loadSmppConfig({ SMPP_SYSTEM_ID: SYSTEM_ID, SMPP_PASSWORD: PASSWORD }),
    port,
    binds,
    window,
    bindMaxPerSecond: 0,
    accountMaxPerSecond: 0,
  };
  const latencies = new Float64Array(total);
  let answered = 0;
  const pool = createSmppPool({ config, logger: silentLogger, onSubmitLatency: (ms) => (latencies[answered++] = ms) });
  await pool.waitUntilBound();
  const batch: SegmentSubmission[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    batch.push({
      segmentKey: `b${i}`,
      destination: "13800138000",
      dataCoding: 8,
      udh,
      shortMessage: payload,
      registeredDelivery: 0,
    });
  }
  const outcomes = await pool.submit(batch);
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  const accepted = outcomes.filter((o) => o.status === "accepted").length;
  if (accepted !== total) throw new Error(`pool: only ${accepted} of ${total} accepted`);
  return summarise(total, seconds, latencies);
}

function summarise(total: number, seconds: number, latencies: Float64Array): Measure {
  const sorted = latencies.slice().sort();
  return {
    segmentsPerSecond: Math.round(total / seconds),
    p50Ms: round(percentile(sorted, 0.5)),
    p99Ms: round(percentile(sorted, 0.99)),
  };
}

/** The run with the median throughput (its latencies with it, so the figures belong together). */
function median(measures: Measure[]): Measure {
  const sorted = [...measures].sort((a, b) => a.segmentsPerSecond - b.segmentsPerSecond);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function printTable(segments: number, cells: Cell[]): void {
  const header = [
    "binds",
    "window",
    "raw seg/s",
    "raw p50 ms",
    "raw p99 ms",
    "pool seg/s",
    "pool p50 ms",
    "pool p99 ms",
    "pool/raw",
    "pool→pkg server",
    "/raw",
  ];
  const rows = cells.map((c) => [
    String(c.binds),
    String(c.window),
    String(c.raw.segmentsPerSecond),
    c.raw.p50Ms.toFixed(2),
    c.raw.p99Ms.toFixed(2),
    String(c.pool.segmentsPerSecond),
    c.pool.p50Ms.toFixed(2),
    c.pool.p99Ms.toFixed(2),
    `${(c.ratio * 100).toFixed(0)}%`,
    String(c.poolToRawServer.segmentsPerSecond),
    `${(c.poolToRawServerRatio * 100).toFixed(0)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join("  ");
  console.log(
    `SMPP submit_sm over loopback, ${segments} UCS-2 segments per cell, median of ${values.repeat} (node ${process.version})`,
  );
  console.log("raw = smpp package client and server, no pool logic; pool = SmppPool to the simulator;");
  console.log("pool→pkg server = SmppPool to the package's bare server (the pool's overhead alone)");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}
