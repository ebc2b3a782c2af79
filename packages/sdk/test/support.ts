/**
 * Test servers: the real API on a random local port, and a local server that fails on purpose
 * (and can hand requests on to the real API), each counting the requests it received.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { yoga } from "../../api/src/yoga.js";

export { yoga };

export interface TestServer {
  endpoint: string;
  /** Requests received, in order (method, path with query string, headers, body). */
  requests: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[];
  close(): Promise<void>;
}

/** What the failing server does with request number `hit` (1-based): answer, or pass it to the API. */
// biome-ignore lint/suspicious/noConfusingVoidType: a behaviour that answers itself returns nothing
export type Behaviour = (hit: number, request: IncomingMessage, response: ServerResponse) => "api" | void;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

function closer(server: Server, sockets: Set<Socket>): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
}

/**
 * A server that runs `behaviour` for each request; "api" hands the request to the real API (or to
 * `app`, another instance of it).
 */
export async function startServer(
  behaviour: Behaviour = () => "api",
  app: { fetch: typeof yoga.fetch } = yoga,
): Promise<TestServer> {
  const requests: TestServer["requests"] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body });
      if (behaviour(requests.length, request, response) === "api") {
        void Promise.resolve(
          app.fetch(`http://localhost${request.url ?? "/graphql"}`, {
            method: request.method,
            headers: request.headers as Record<string, string>,
            body: request.method === "GET" || request.method === "HEAD" ? undefined : body,
          }),
        ).then(async (answer: Response) => {
          const headers: Record<string, string> = {};
          answer.headers.forEach((value, name) => {
            headers[name] = value;
          });
          response.writeHead(answer.status, headers);
          response.end(Buffer.from(await answer.arrayBuffer()));
        });
      }
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const endpoint = await listen(server);
  return { endpoint, requests, close: closer(server, sockets) };
}

/** Sends a JSON body with `status` (and headers). */
export function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

/** An address where nothing listens (a port that was free a moment ago). */
export async function closedEndpoint(): Promise<string> {
  const server = createServer();
  const endpoint = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return endpoint;
}
