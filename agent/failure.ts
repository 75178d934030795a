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
