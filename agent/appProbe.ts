import { describeFailure } from "./failure";
import { CheckResult } from "./verdict";

/** The local app's own health URL answers 2xx before `signal` fires. */
export async function probeApp(url: URL, signal: AbortSignal, deadlineMs: number): Promise<CheckResult> {
    const started = Date.now();
    try {
        const response = await fetch(url, { signal, redirect: "manual", headers: { "user-agent": "mcdr-agent" } });
        // Drained so the connection can be reused; the body itself does not matter.
        await response.arrayBuffer();
        const ms = Date.now() - started;
        return response.status >= 200 && response.status < 300
            ? { ok: true, detail: `${url.href} answered ${response.status}`, ms }
            : { ok: false, detail: `${url.href} answered ${response.status}`, ms };
    } catch (err) {
        return { ok: false, detail: `${url.href}: ${describeFailure(err, signal, deadlineMs)}`, ms: Date.now() - started };
    }
}
