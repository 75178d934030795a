import * as path from "path";
import { Command } from "commander";
import { checkDrillStack, dnsResolver, parseDnsServer, runDrill } from "../automation/drill";
import { stackNameOf, stateDirectory, withContext } from "./context";
import { DRILL_EXIT_CODES } from "./exitCodes";
import { addStackOptions, CommonOptions, numberOption } from "./options";
import { report } from "./report";

interface DrillCliOptions extends CommonOptions {
    allowProd?: boolean;
    hold?: number;
    reportDir?: string;
    dnsServer?: string;
    verifyTimeout?: number;
}

const DRILL_HELP = `What it does: status -> failover to the standby site -> verify (the standby's endpoint answers, the app
hostname resolves to it, and the resolved address answers) -> hold -> failback (after the failback
window's health samples) -> verify. Every step is timed. The report (drill-report.json, drill-report.md)
holds the timeline, each step's evidence, the time to recover against failover.rtoTargetSeconds, and
rpoSeconds: the replication lag of the rehearsed switch of the write region (an upper bound of the data it risks).

${DRILL_EXIT_CODES}`;

/** Registers drill. */
export function registerDrillCommand(program: Command): void {
    addStackOptions(program.command("drill").description("Rehearse a failover and failback on a stack, timed, with a report."), DRILL_HELP, true)
        .option("--allow-prod", "allow a drill on a production stack")
        .addOption(numberOption("--hold <seconds>", "seconds on the standby before failing back (default: failover.drillHoldSeconds)", "seconds-or-zero"))
        .option("--report-dir <dir>", "where drill-report.json and drill-report.md go (default: <state dir>/drills/<stack>-<time>)")
        .option("--dns-server <address[:port]>", "the DNS server that resolves the app hostname (default: the system's)")
        .addOption(numberOption("--verify-timeout <seconds>", "how long verification waits for traffic to arrive (default: failover.rtoTargetSeconds)", "seconds"))
        .action(async (options: DrillCliOptions) => {
            const stackName = stackNameOf(options);
            checkDrillStack(stackName, !!options.allowProd);
            const dnsServer = options.dnsServer === undefined ? undefined : parseDnsServer(options.dnsServer);
            const reportDir = options.reportDir ?? path.join(stateDirectory(), "drills", `${stackName}-${new Date().toISOString().replace(/[:.]/g, "-")}`);
            const result = await withContext(options, async (ctx, probeEnv) => {
                const drill = await runDrill(ctx, {
                    allowProd: !!options.allowProd,
                    holdSeconds: options.hold,
                    reportDir,
                    verify: { probeEnv, timeoutSeconds: options.verifyTimeout, resolve: dnsResolver({ server: dnsServer, timeoutMs: 3000, scope: probeEnv.scope }) },
                });
                ctx.log(`drill report: ${drill.files.markdown} and ${drill.files.json}`);
                return drill;
            });
            report(result, options);
        });
}
