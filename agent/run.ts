import { AddressInfo } from "node:net";
import { writeAtomically } from "./activeSiteFile";
import { RegionalClients } from "./clients";
import { AgentConfig } from "./env";
import { healthCheck } from "./healthCheck";
import { readParameter } from "./parameterSource";
import { ParameterWatcher } from "./parameterWatcher";
import { readOrder } from "./regions";
import { createServer } from "./server";
import { json } from "./verdict";

/** How long the first parameter read waits for the credential chain to load (see RegionalClients.warmUp). */
const WARM_UP_LIMIT_MS = 5000;

/** One JSON line per event on stdout. */
function log(event: string, fields: Record<string, unknown>): void {
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);
}

/** Wires the agent for a valid configuration: the parameter watcher, the probes and the HTTP server. */
export function run(settings: AgentConfig): void {
    const clients = new RegionalClients(settings.checkDeadlineMs);
    const order = readOrder(settings.region, settings.parameterRegions);
    const watcher = new ParameterWatcher({
        site: settings.site,
        intervalMs: settings.parameterIntervalMs,
        maxStalenessMs: settings.maxStalenessMs,
        read: () => readParameter(clients, settings.parameter, order, settings.checkDeadlineMs),
        publish: (view) => writeAtomically(settings.activeSiteFile, `${JSON.stringify(view, null, 2)}\n`),
        log,
        now: Date.now,
    });
    const server = createServer({
        healthPath: settings.healthPath,
        health: healthCheck(settings, clients, watcher),
        activeSite: () => {
            const view = watcher.view();
            return json(view.ok ? 200 : 503, view);
        },
    });
    server.on("error", (err) => {
        process.stderr.write(`mcdr-agent: cannot listen on ${settings.listen.host}:${settings.listen.port}: ${err.message}\n`);
        process.exit(1);
    });
    server.listen(settings.listen.port, settings.listen.host, () => {
        const address = server.address() as AddressInfo;
        const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
        log("listening", { url: `http://${host}:${address.port}`, site: settings.site, healthPath: settings.healthPath, readOrder: order });
    });
    void clients.warmUp(order[0], WARM_UP_LIMIT_MS).then(() => watcher.start());
    const shutdown = (signal: string) => {
        log("stopping", { signal });
        watcher.stop();
        clients.destroy();
        server.closeAllConnections();
        server.close(() => process.exit(0));
    };
    process.once("SIGTERM", () => shutdown("SIGTERM"));
    process.once("SIGINT", () => shutdown("SIGINT"));
}
