// The app's HTTP server (npm start, npm run dev, the e2e server): Next's request handler behind a
// plain node:http server, so that the socket's peer address reaches the app. Every request gets
// PEER_ADDRESS_HEADER set to the peer, after any copy the client sent is deleted; clientIp
// (./client-ip.ts) believes that header only in a process started here.
import http from "node:http";
import next from "next";
import { PEER_ADDRESS_HEADER, compileTrustedProxies, markPeerAddressStamped } from "./client-ip";

/** Overwrites the peer header with the socket's address (none if the socket has gone). */
export function stampPeerAddress(request: http.IncomingMessage): void {
  delete request.headers[PEER_ADDRESS_HEADER];
  const peer = request.socket.remoteAddress;
  if (peer) request.headers[PEER_ADDRESS_HEADER] = peer;
}

/** Wraps a request listener so that it sees the stamped peer address. */
export function withPeerAddress(listener: http.RequestListener): http.RequestListener {
  markPeerAddressStamped();
  return (request, response) => {
    stampPeerAddress(request);
    listener(request, response);
  };
}

export interface AppServerOptions {
  dev: boolean;
  port: number;
  hostname?: string;
}

export async function startAppServer(options: AppServerOptions): Promise<http.Server> {
  // A wrong TRUSTED_PROXIES stops the start rather than the first sign-in.
  compileTrustedProxies(process.env.TRUSTED_PROXIES);
  const app = next({ dev: options.dev, port: options.port, hostname: options.hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer(
    withPeerAddress((request, response) => {
      handle(request, response).catch((error: unknown) => {
        console.error(error);
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    }),
  );
  if (options.dev) {
    // Hot reloading's websocket.
    const upgrade = app.getUpgradeHandler();
    server.on("upgrade", (request: http.IncomingMessage, socket, head: Buffer) => {
      stampPeerAddress(request);
      void upgrade(request, socket, head);
    });
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  return server;
}
