import * as http from "http";
import { AddressInfo } from "net";
import { checkTargetHealth, httpProbe, Probe, runProbes } from "../automation";
import { percentile } from "./stats";

export type EndpointBehaviour = "healthy" | "dead" | "slow";

interface LocalEndpoints {
    readonly urls: { url: string; behaviour: EndpointBehaviour }[];
    close(): Promise<void>;
}

/**
 * Local endpoints on 127.0.0.1: healthy ones answer `ok`, slow ones answer after `slowMs`, dead ones are ports
 * that were opened and closed again (connection refused).
 */
export async function localEndpoints(mix: readonly EndpointBehaviour[], slowMs: number): Promise<LocalEndpoints> {
    const servers: http.Server[] = [];
    const urls: { url: string; behaviour: EndpointBehaviour }[] = [];
    for (const behaviour of mix) {
        const server = http.createServer((_req, res) => {
            const answer = () => res.writeHead(200, { "content-type": "text/plain" }).end("ok");
            if (behaviour === "slow") {
                setTimeout(answer, slowMs);
            } else {
                answer();
            }
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const { port } = server.address() as AddressInfo;
        urls.push({ url: `http://127.0.0.1:${port}/health`, behaviour });
        if (behaviour === "dead") {
            await new Promise<void>((resolve) => server.close(() => resolve()));
        } else {
            servers.push(server);
        }
    }
    return {
        urls,
        close: async () => {
            for (const server of servers) {
                server.closeAllConnections();
                await new Promise<void>((resolve) => server.close(() => resolve()));
            }
        },
    };
}

export interface LatencyResult {
    readonly endpoints: number;
    readonly runs: number;
    readonly p50: number;
    readonly p95: number;
    readonly probeTimeoutMs: number;
}

/** One failover decision: probe every endpoint in parallel under the deadline, then apply the target-health rule. */
export async function measureDecision(endpointCount: number, runs: number, probeTimeoutMs: number): Promise<LatencyResult> {
    const kinds: EndpointBehaviour[] = ["healthy", "dead", "slow"];
    const mix = Array.from({ length: endpointCount }, (_, i) => kinds[i % kinds.length]);
    const endpoints = await localEndpoints(mix, probeTimeoutMs * 3);
    const scope = { allowRemote: false };
    const probes: Probe[] = endpoints.urls.map(({ url }, i) => httpProbe({ name: `endpoint-${i}`, url, expectedBody: "ok", timeoutMs: probeTimeoutMs, scope }));
    const samples: number[] = [];
    try {
        for (let run = 0; run < runs; run++) {
            const started = process.hrtime.bigint();
            const results = await runProbes(probes, probeTimeoutMs * 2);
            checkTargetHealth(results, [probes[0].name], "bench target", false);
            samples.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
    } finally {
        await endpoints.close();
    }
    return { endpoints: endpointCount, runs, p50: percentile(samples, 50), p95: percentile(samples, 95), probeTimeoutMs };
}
