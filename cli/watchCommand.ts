import * as path from "path";
import { Command } from "commander";
import { DynamoLeaseStore, leaseEndpoint, leaseKey, leaseRequestTimeoutMs } from "../automation/lease";
import { parseServeAddress, startWatchServices, watch } from "../automation/watch";
import { stateDirectory, withContext } from "./context";
import { WATCH_EXIT_CODES } from "./exitCodes";
import { addStackOptions, CommonOptions, numberOption } from "./options";
import { report } from "./report";

interface WatchCliOptions extends CommonOptions {
    auto?: boolean;
    maxRounds?: number;
    interval?: number;
    threshold?: number;
    serve?: string;
    lease?: boolean;
}

const WATCH_HELP = `Each round probes both sites. After --threshold consecutive failed rounds of the active site while the
standby is healthy, it raises an alert, or with --auto fails over (every safety rule applies). It never
fails back: once the home site has been healthy for failover.failbackWindowSeconds it says so.
SIGTERM or SIGINT stops it: a round in progress (and its pulumi command) finishes, then the summary is printed.
--serve serves the status page at / and Prometheus metrics at /metrics. With --lease, two watches of one stack
share a lease in the stack's table (home region): only the holder alerts and fails over, the other stands by
and takes over within one interval when the holder dies.

${WATCH_EXIT_CODES}`;

/** Registers watch. */
export function registerWatchCommand(program: Command): void {
    addStackOptions(program.command("watch").description("Probe the sites in a loop; alert (or with --auto fail over) when the active site keeps failing."), WATCH_HELP, true)
        .option("--auto", "fail over automatically (through the same flip and safety rules) instead of alerting")
        .addOption(numberOption("--max-rounds <n>", "stop after n rounds (tests, cron); default: until stopped", "whole"))
        .addOption(numberOption("--interval <seconds>", "seconds between rounds (default: failover.watchIntervalSeconds)", "seconds"))
        .addOption(numberOption("--threshold <n>", "consecutive failed rounds before acting (default: failover.watchFailureThreshold)", "whole"))
        .option("--serve <[host:]port>", "serve the status page (/) and Prometheus metrics (/metrics) there (host default 127.0.0.1)")
        .option("--lease", "share a lease with other watches of the stack (DynamoDB, the table's home region): only the holder acts")
        .action(async (options: WatchCliOptions) => {
            const serve = options.serve === undefined ? undefined : parseServeAddress(options.serve);
            const stop = new AbortController();
            // `on`, not `once`: the Automation API's child runner (signal-exit) re-raises a signal that finds no other
            // listener, which would kill this process mid-round.
            const onSignal = (signal: NodeJS.Signals) => {
                if (!stop.signal.aborted) {
                    process.stderr.write(`${signal}: stopping after the current round\n`);
                    stop.abort(signal);
                }
            };
            process.on("SIGINT", onSignal);
            process.on("SIGTERM", onSignal);
            try {
                const result = await withContext(options, async (ctx, probeEnv) => {
                    const endpointOverride = options.dynamodbEndpoint ?? (process.env.MULTICLOUD_DR_DYNAMODB_ENDPOINT || undefined);
                    if (!serve && !options.lease) {
                        return watch(ctx, { auto: !!options.auto, maxRounds: options.maxRounds, intervalSeconds: options.interval, threshold: options.threshold, signal: stop.signal });
                    }
                    const services = await startWatchServices(ctx, {
                        serve,
                        drillsDir: path.join(stateDirectory(), "drills"),
                        lease: options.lease
                            ? ({ cfg, outputs }, timings) =>
                                  new DynamoLeaseStore({
                                      tableName: outputs.tableName ?? cfg.table.name,
                                      region: cfg.table.homeRegion,
                                      key: leaseKey(cfg),
                                      endpoint: leaseEndpoint(endpointOverride, cfg.table.homeRegion),
                                      scope: probeEnv.scope,
                                      timeoutMs: leaseRequestTimeoutMs(cfg.failover.probeTimeoutMs, timings),
                                  })
                            : undefined,
                    });
                    try {
                        return await watch(ctx, {
                            auto: !!options.auto,
                            maxRounds: options.maxRounds,
                            intervalSeconds: options.interval,
                            threshold: options.threshold,
                            signal: stop.signal,
                            hooks: services.hooks,
                        });
                    } finally {
                        await services.close();
                    }
                });
                report(result, options);
            } finally {
                process.removeListener("SIGINT", onSignal);
                process.removeListener("SIGTERM", onSignal);
            }
        });
}
