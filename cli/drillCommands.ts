import * as path from "path";
import { Command } from "commander";
import { BadInputError, PROJECT_ROOT } from "../topology";
import { checkDrillStack, dnsResolver, parseDnsServer, runDrill } from "../automation/drill";
import { checkWatchNumbers, watch } from "../automation/watch";
import { addCommonOptions, CommonOptions, report, withContext } from "./failoverCommands";

interface DrillCliOptions extends CommonOptions {
    allowProd?: boolean;
    hold?: string;
    reportDir?: string;
    dnsServer?: string;
    verifyTimeout?: string;
}

interface WatchCliOptions extends CommonOptions {
    auto?: boolean;
    maxRounds?: string;
    interval?: string;
    threshold?: string;
}

const DRILL_HELP = `What it does: status -> failover to the standby site -> verify (the standby's endpoint answers, the app
hostname resolves to it, and the resolved address answers) -> hold -> failback (after the failback
window's health samples) -> verify. Every step is timed. The report (drill-report.json, drill-report.md)
holds the timeline, each step's evidence, and the time to recover against failover.rtoTargetSeconds.

Exit codes:
  0  every step passed and the time to recover is within the target
  1  a step failed (the message names it) or the time to recover exceeded the target
  2  bad input, or a production stack without --allow-prod; nothing changed`;

const WATCH_HELP = `Each round probes both sites. After --threshold consecutive failed rounds of the active site while the
standby is healthy, it raises an alert, or with --auto fails over (every safety rule applies). It never
fails back: once the home site has been healthy for failover.failbackWindowSeconds it says so.

Exit codes:
  0  the active site is healthy at the end (or --auto failed over)
  1  an alert is outstanding: the active site is failing and was not failed over
  2  bad input; nothing changed`;

/** Registers drill and watch. */
export function registerDrillCommands(program: Command): void {
    addCommonOptions(program.command("drill").description("Rehearse a failover and failback on a stack, timed, with a report."), DRILL_HELP)
        .option("--allow-prod", "allow a drill on a production stack")
        .option("--hold <seconds>", "seconds on the standby before failing back (default: failover.drillHoldSeconds)")
        .option("--report-dir <dir>", "where drill-report.json and drill-report.md go (default: <state dir>/drills/<stack>-<time>)")
        .option("--dns-server <address[:port]>", "the DNS server that resolves the app hostname (default: the system's)")
        .option("--verify-timeout <seconds>", "how long verification waits for traffic to arrive (default: failover.rtoTargetSeconds)")
        .action(async (options: DrillCliOptions) => {
            const stackName = options.stack ?? process.env.MULTICLOUD_DR_STACK;
            const input = { hold: undefined as number | undefined, verifyTimeout: undefined as number | undefined, dnsServer: undefined as string | undefined };
            (() => {
                if (stackName) {
                    checkDrillStack(stackName, !!options.allowProd);
                }
                input.hold = seconds("--hold", options.hold, true);
                input.verifyTimeout = seconds("--verify-timeout", options.verifyTimeout, false);
                input.dnsServer = options.dnsServer === undefined ? undefined : parseDnsServer(options.dnsServer);
            })();
            const reportDir = options.reportDir ?? path.join(stateDirectory(), "drills", `${stackName}-${new Date().toISOString().replace(/[:.]/g, "-")}`);
            const result = await withContext(options, (ctx, probeEnv) =>
                runDrill(ctx, {
                    allowProd: !!options.allowProd,
                    holdSeconds: input.hold,
                    reportDir,
                    verify: {
                        probeEnv,
                        timeoutSeconds: input.verifyTimeout,
                        resolve: dnsResolver({ server: input.dnsServer, timeoutMs: 3000, scope: probeEnv.scope }),
                    },
                }).then((drill) => {
                    ctx.log(`drill report: ${drill.files.markdown} and ${drill.files.json}`);
                    return drill;
                }),
            );
            report(result, options);
        });

    addCommonOptions(program.command("watch").description("Probe the sites in a loop; alert (or with --auto fail over) when the active site keeps failing."), WATCH_HELP)
        .option("--auto", "fail over automatically (through the same flip and safety rules) instead of alerting")
        .option("--max-rounds <n>", "stop after n rounds (tests, cron); default: until interrupted")
        .option("--interval <seconds>", "seconds between rounds (default: failover.watchIntervalSeconds)")
        .option("--threshold <n>", "consecutive failed rounds before acting (default: failover.watchFailureThreshold)")
        .action(async (options: WatchCliOptions) => {
            const numbers: { maxRounds?: number; intervalSeconds?: number; threshold?: number } = {};
            (() => {
                numbers.maxRounds = count("--max-rounds", options.maxRounds);
                numbers.intervalSeconds = seconds("--interval", options.interval, false);
                numbers.threshold = count("--threshold", options.threshold);
                checkWatchNumbers(numbers);
            })();
            const stop = new AbortController();
            const onSignal = () => stop.abort();
            process.once("SIGINT", onSignal);
            process.once("SIGTERM", onSignal);
            try {
                const result = await withContext(options, (ctx) => watch(ctx, { auto: !!options.auto, ...numbers, signal: stop.signal }));
                report(result, options);
            } finally {
                process.removeListener("SIGINT", onSignal);
                process.removeListener("SIGTERM", onSignal);
            }
        });
}

function stateDirectory(): string {
    return process.env.MULTICLOUD_DR_STATE_DIR || path.join(PROJECT_ROOT, ".dr");
}

/** A whole-number flag; `checkWatchNumbers` then checks its range. */
function count(flag: string, text: string | undefined): number | undefined {
    if (text !== undefined && !/^\s*\d+\s*$/.test(text)) {
        throw new BadInputError(`${flag} must be a positive whole number, not "${text}"`);
    }
    return text === undefined ? undefined : Number(text);
}

function seconds(flag: string, text: string | undefined, zeroAllowed: boolean): number | undefined {
    if (text === undefined) {
        return undefined;
    }
    const value = Number(text);
    if (!/^\s*\d+(\.\d+)?\s*$/.test(text) || (!zeroAllowed && value === 0)) {
        throw new BadInputError(`${flag} must be a ${zeroAllowed ? "non-negative" : "positive"} number of seconds, not "${text}"`);
    }
    return value;
}
