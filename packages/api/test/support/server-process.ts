/** Starts `src/server.ts` as a real process (as `pnpm serve` does) and talks to it. */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { resolve } from "node:path";

export const apiDir = resolve(import.meta.dirname, "../..");

/** The Node flags of `pnpm serve` (packages/api/package.json), e.g. the heap limit. */
export const SERVE_NODE_FLAGS = (
  JSON.parse(readFileSync(resolve(apiDir, "package.json"), "utf8")) as { scripts: { serve: string } }
).scripts.serve
  .split(" ")
  .filter((word) => /^--max-old-space-size=\d+$/.test(word));

export interface ServerProcess {
  child: ChildProcess;
  /** Base URL once it listens (http://127.0.0.1:<port>). */
  url: string;
  /** JSON log lines written so far. */
  logs: Record<string, unknown>[];
  stderr: () => string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
  /** Resident set size in bytes (Linux /proc). */
  rss: () => number;
}

/** Runs the server and resolves its exit code and output (for start-up failures). */
export function runServer(env: Record<string, string>, args: string[] = [], timeoutMs = 30_000) {
  // As `pnpm serve` runs it (packages/api/package.json).
  const child = spawn(process.execPath, [...SERVE_NODE_FLAGS, "--import", "tsx", "src/server.ts", ...args], {
    cwd: apiDir,
    env: { ...process.env, PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const exited = new Promise<number | string>((done) =>
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      done(code ?? signal ?? "unknown");
    }),
  );
  return {
    child,
    exited,
    output: async () => ({ code: await exited, stdout, stderr }),
    stdoutSoFar: () => stdout,
    stderrSoFar: () => stderr,
  };
}

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(port));
    });
  });
}

/** Starts the server and waits until /readyz answers 200. */
export async function startServer(
  env: Record<string, string>,
  args: string[] = [],
  timeoutMs = 60_000,
): Promise<ServerProcess> {
  const port = await freePort();
  const run = runServer({ ...env, PORT: String(port) }, args, 10 * 60_000);
  const logs: Record<string, unknown>[] = [];
  let buffered = "";
  run.child.stdout!.on("data", (chunk: Buffer) => {
    buffered += chunk;
    let newline = buffered.indexOf("\n");
    while (newline !== -1) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
      newline = buffered.indexOf("\n");
    }
  });
  const deadline = Date.now() + timeoutMs;
  let exited: number | string | undefined;
  void run.exited.then((code) => (exited = code));
  for (;;) {
    if (exited !== undefined)
      throw new Error(`the server exited (${exited}) before it was ready:\n${run.stderrSoFar()}`);
    if (Date.now() > deadline)
      throw new Error(`the server was not ready within ${timeoutMs} ms:\n${run.stderrSoFar()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 25));
  }
  return {
    child: run.child,
    url: `http://127.0.0.1:${port}`,
    logs,
    stderr: run.stderrSoFar,
    exited: run.exited,
    rss: () => {
      const status = readFileSync(`/proc/${run.child.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
  };
}
