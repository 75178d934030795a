import { probeApp } from "./appProbe";
import { probeCanary } from "./canaryProbe";
import { RegionalClients } from "./clients";
import { AgentConfig } from "./env";
import { ParameterWatcher } from "./parameterWatcher";
import { HealthChecks, healthVerdict, HttpAnswer } from "./verdict";

/**
 * Runs the health path's checks under one deadline. Requests that arrive while a run is under way share
 * it, so many health checkers cost one probe of the app and one read of the canary.
 */
export function healthCheck(config: AgentConfig, clients: RegionalClients, watcher: ParameterWatcher): () => Promise<HttpAnswer> {
    let running: Promise<HttpAnswer> | undefined;
    const evaluate = async (): Promise<HttpAnswer> => {
        const deadline = config.checkDeadlineMs;
        const signal = AbortSignal.timeout(deadline);
        const published = watcher.current();
        const parameter: HealthChecks["parameter"] = published.usable
            ? {
                  ok: true,
                  detail: `${published.read.value.activeSite} active, writes to ${published.read.value.writeRegion} (read from ${published.read.region})`,
                  stale: published.stale,
                  ageMs: published.ageMs,
              }
            : { ok: false, detail: published.reason, ...(published.ageMs === undefined ? {} : { ageMs: published.ageMs }) };
        const writeRegion = published.usable ? published.read.value.writeRegion : undefined;
        const [app, canary] = await Promise.all([
            probeApp(config.appHealthUrl, signal, deadline),
            writeRegion
                ? probeCanary(clients, { table: config.table, region: writeRegion, key: config.canaryKey }, signal, deadline)
                : { ok: false, detail: "not checked: no usable write region" },
        ]);
        return healthVerdict({ app, parameter, canary }, config.expectedBody);
    };
    return () => {
        running ??= evaluate().finally(() => {
            running = undefined;
        });
        return running;
    };
}
