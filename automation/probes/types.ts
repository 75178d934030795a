export type ProbeKind = "http" | "dynamodb";

/**
 * healthy: the check passed. unhealthy: the target answered wrongly (status, body, missing item).
 * timeout: no answer in time. error: no answer (refused connection, DNS, TLS). refused: this tool
 * would not send the probe (a non-loopback address outside a real run).
 */
export type ProbeStatus = "healthy" | "unhealthy" | "timeout" | "error" | "refused";

export interface ProbeResult {
    readonly name: string;
    readonly kind: ProbeKind;
    /** What was probed (URL or region/table); never a credential. */
    readonly target: string;
    readonly ok: boolean;
    readonly status: ProbeStatus;
    readonly detail: string;
    readonly ms: number;
}

/** One probe, ready to run; it must honour the signal and its own timeout. */
export interface Probe {
    readonly name: string;
    readonly kind: ProbeKind;
    readonly target: string;
    run(signal: AbortSignal): Promise<ProbeResult>;
}

export function result(probe: Pick<Probe, "name" | "kind" | "target">, status: ProbeStatus, detail: string, ms: number): ProbeResult {
    return { name: probe.name, kind: probe.kind, target: probe.target, ok: status === "healthy", status, detail, ms };
}
