/** AbortSignal helpers that work in Node 20 and in browsers without `AbortSignal.any`. */

/** A signal that aborts when any of `signals` does (with its reason); `dispose` detaches it. */
export function anySignal(signals: readonly (AbortSignal | undefined)[]): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const listeners: [AbortSignal, () => void][] = [];
  for (const signal of signals) {
    if (!signal) continue;
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    const listener = () => controller.abort(signal.reason);
    signal.addEventListener("abort", listener, { once: true });
    listeners.push([signal, listener]);
  }
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [signal, listener] of listeners) signal.removeEventListener("abort", listener);
    },
  };
}

/** A signal that aborts with a `TimeoutError` after `ms`; `dispose` clears the timer. */
export function timeoutSignal(ms: number): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`No response within ${ms} ms.`, "TimeoutError")),
    ms,
  );
  return { signal: controller.signal, dispose: () => clearTimeout(timer) };
}

/** The first aborted signal of `signals`. */
export function abortedSignal(signals: readonly (AbortSignal | undefined)[]): AbortSignal | undefined {
  return signals.find((signal) => signal?.aborted);
}

/** Resolves after `ms`; rejects with the signal's reason as soon as one of `signals` aborts. */
export function sleep(ms: number, signals: readonly (AbortSignal | undefined)[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const { signal, dispose } = anySignal(signals);
    if (signal.aborted) {
      dispose();
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      dispose();
      resolve();
    }, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        dispose();
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
