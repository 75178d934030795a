import * as tls from "tls";
import { allEndpoints } from "../../topology";
import { StackState } from "../stackState";
import { ProbeScope, refusalFor } from "./addressGuard";
import { CertificateReading, daysLeft } from "./certificateDays";

export interface CertificateTarget {
    readonly endpoint: string;
    readonly host: string;
    readonly port: number;
    /** SNI: the app hostname, so the endpoint serves the certificate clients get. */
    readonly servername: string;
}

/** Reads the certificates of a stack's HTTPS site endpoints; never throws (a failure is the reading's error). */
export type CertificateReader = (state: Pick<StackState, "cfg" | "outputs">) => Promise<CertificateReading[]>;

/** Each site endpoint whose health URL is HTTPS (the others serve no certificate). */
export function certificateTargets(state: Pick<StackState, "cfg" | "outputs">): CertificateTarget[] {
    const servername = state.outputs.appHostname ?? state.cfg.dns.appHostname;
    const targets: CertificateTarget[] = [];
    for (const endpoint of allEndpoints(state.cfg)) {
        const raw = state.outputs.healthEndpoints[endpoint];
        const url = raw ? safeUrl(raw) : undefined;
        if (url?.protocol === "https:") {
            targets.push({ endpoint, host: url.hostname.replace(/^\[|\]$/g, ""), port: Number(url.port || 443), servername });
        }
    }
    return targets;
}

export function certificateReader(scope: ProbeScope): CertificateReader {
    return (state) => Promise.all(certificateTargets(state).map((t) => readCertificate(t, state.cfg.failover.probeTimeoutMs, scope)));
}

/**
 * The certificate an endpoint serves, from the TLS handshake. It is read, not verified (the health probe
 * verifies it): an expired or untrusted certificate must still report its days left.
 */
export function readCertificate(target: CertificateTarget, timeoutMs: number, scope: ProbeScope, now: () => number = Date.now): Promise<CertificateReading> {
    const base = { endpoint: target.endpoint, target: `${target.host}:${target.port}`, servername: target.servername };
    const refusal = refusalFor(target.host, scope);
    if (refusal) {
        return Promise.resolve({ ...base, error: refusal });
    }
    return new Promise((resolve) => {
        const socket = tls.connect({ host: target.host, port: target.port, servername: target.servername, rejectUnauthorized: false });
        const finish = (reading: Omit<CertificateReading, keyof typeof base>) => {
            clearTimeout(timer);
            socket.destroy();
            resolve({ ...base, ...reading });
        };
        const timer = setTimeout(() => finish({ error: `no TLS handshake within ${timeoutMs} ms` }), timeoutMs);
        socket.once("secureConnect", () => {
            const validTo = socket.getPeerCertificate().valid_to;
            const date = validTo ? new Date(validTo) : undefined;
            finish(date && !Number.isNaN(date.getTime()) ? { validTo: date.toISOString(), daysLeft: daysLeft(date, now()) } : { error: "the endpoint served no certificate" });
        });
        socket.once("error", (err) => finish({ error: err.message }));
    });
}

function safeUrl(text: string): URL | undefined {
    try {
        return new URL(text);
    } catch {
        return undefined;
    }
}
