/**
 * The baseline: a bare node:http server that answers every request with the same bytes (the
 * status, headers and body captured from the API), reading the request body first like the API.
 *
 * Usage: node --import tsx bench/bare-server.ts <response.json> <port>
 * where response.json is `{ status, headers, body (base64) }`.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const [file, port] = process.argv.slice(2);
const captured = JSON.parse(readFileSync(file!, "utf8")) as {
  status: number;
  headers: Record<string, string>;
  body: string;
};
const body = Buffer.from(captured.body, "base64");
const headers = { ...captured.headers, "content-length": String(body.length) };

createServer((req, res) => {
  req.on("end", () => {
    res.writeHead(captured.status, headers);
    res.end(body);
  });
  req.resume();
}).listen(Number(port), "127.0.0.1");
