/** A short reason for a failed probe, for logs and the 503 body. */
export function describeFailure(err: unknown, signal: AbortSignal, deadlineMs: number): string {
    if (signal.aborted) {
        return `no answer within ${deadlineMs} ms`;
    }
    const error = err as { name?: string; message?: string; code?: string; cause?: { code?: string } };
    const code = error.code ?? error.cause?.code;
    if (code === "ECONNREFUSED") {
        return "connection refused";
    }
    if (code !== undefined && /^E[A-Z]+$/.test(code)) {
        return code;
    }
    return `${error.name ?? "Error"}: ${error.message ?? String(err)}`;
}

/**
 * Settles as `work` does, or rejects as soon as `signal` fires: the SDK's credential providers (web identity,
 * credential_process) do not all honour the abort signal, and neither an answer nor a region fallback may wait on them.
 */
export function beforeDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
        const late = () => reject(signal.reason);
        if (signal.aborted) {
            return late();
        }
        signal.addEventListener("abort", late, { once: true });
        work.then(resolve, reject).finally(() => signal.removeEventListener("abort", late));
    });
}
