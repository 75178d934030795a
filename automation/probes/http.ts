import * as http from "http";
import * as https from "https";
import { isIP } from "net";
import { refusalFor, ProbeScope } from "./addressGuard";
import { Probe, ProbeResult, result } from "./types";

export interface HttpProbeOptions {
    readonly name: string;
    /** The URL to connect to, e.g. `https://203.0.113.7:443/health`. */
    readonly url: string;
    /** Host header and TLS server name (SNI and certificate check) when `url` is an address, e.g. the app hostname. */
    readonly hostname?: string;
    readonly expectedBody: string;
    readonly timeoutMs: number;
    /** Extra CA certificates (PEM) to trust. */
    readonly ca?: string | Buffer;
    readonly scope: ProbeScope;
}

const MAX_BODY = 64 * 1024;

/** GET `url`; healthy when the status is 2xx and the body contains the expected text. */
export function httpProbe(options: HttpProbeOptions): Probe {
    const target = options.hostname ? `${options.url} (Host: ${options.hostname})` : options.url;
    const probe = { name: options.name, kind: "http" as const, target };
    return { ...probe, run: (signal) => runHttpProbe(options, probe, signal) };
}

function runHttpProbe(options: HttpProbeOptions, probe: Pick<Probe, "name" | "kind" | "target">, signal: AbortSignal): Promise<ProbeResult> {
    const started = Date.now();
    let url: URL;
    try {
        url = new URL(options.url);
    } catch {
        return Promise.resolve(result(probe, "error", `not a URL: ${options.url}`, 0));
    }
    const refusal = refusalFor(url.hostname, options.scope);
    if (refusal) {
        return Promise.resolve(result(probe, "refused", refusal, 0));
    }
    const secure = url.protocol === "https:";
    const hostHeader = options.hostname ?? url.host;
    const servername = options.hostname ?? (isIP(url.hostname.replace(/^\[|\]$/g, "")) ? undefined : url.hostname);
    return new Promise((resolve) => {
        let settled = false;
        const finish = (status: ProbeResult["status"], detail: string) => {
            if (!settled) {
                settled = true;
                clearTimeout(timer);
                signal.removeEventListener("abort", onAbort);
                request.destroy();
                resolve(result(probe, status, detail, Date.now() - started));
            }
        };
        const requestOptions: https.RequestOptions = {
            method: "GET",
            host: url.hostname.replace(/^\[|\]$/g, ""),
            port: url.port || (secure ? 443 : 80),
            path: `${url.pathname}${url.search}`,
            headers: { Host: hostHeader, "User-Agent": "multicloud-dr-probe", Connection: "close" },
            agent: false,
            ...(secure ? { servername, ca: options.ca, rejectUnauthorized: true } : {}),
        };
        const request = (secure ? https : http).request(requestOptions, (response) => {
            const chunks: Buffer[] = [];
            let size = 0;
            response.on("data", (chunk: Buffer) => {
                if (size < MAX_BODY) {
                    chunks.push(chunk);
                    size += chunk.length;
                }
            });
            response.on("end", () => {
                const body = Buffer.concat(chunks).toString("utf8");
                const code = response.statusCode ?? 0;
                if (code < 200 || code > 299) {
                    finish("unhealthy", `HTTP ${code}`);
                } else if (!body.includes(options.expectedBody)) {
                    finish("unhealthy", `HTTP ${code} but the body does not contain ${JSON.stringify(options.expectedBody)}`);
                } else {
                    finish("healthy", `HTTP ${code}`);
                }
            });
            response.on("error", (err) => finish("error", err.message));
        });
        request.on("error", (err: NodeJS.ErrnoException) => finish("error", describeError(err)));
        const timer = setTimeout(() => finish("timeout", `no answer within ${options.timeoutMs} ms`), options.timeoutMs);
        const onAbort = () => finish("timeout", "stopped at the overall probe deadline");
        if (signal.aborted) {
            onAbort();
            return;
        }
        signal.addEventListener("abort", onAbort);
        request.end();
    });
}

function describeError(err: NodeJS.ErrnoException): string {
    switch (err.code) {
        case "ECONNREFUSED":
            return "connection refused";
        case "ECONNRESET":
            return "connection reset";
        case "ENOTFOUND":
            return "name not found";
        default:
            return err.code ? `${err.code}: ${err.message}` : err.message;
    }
}
