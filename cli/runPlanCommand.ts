import { Command } from "commander";
import { currentActor } from "../automation/audit";
import { systemClock } from "../automation/clock";
import { DEFAULT_VERIFY_POLL_SECONDS, dnsResolver, parseDnsServer } from "../automation/drill";
import { DrContext } from "../automation/operations";
import { defaultRtoTargetSeconds, loadPlanFile, realStackOperations, remoteDrStack, resolveRemoteSettings, RemoteSettings, runPlan, stackProgress } from "../automation/recovery";
import { askOnTerminal, openStackContext, probeEnvironmentOf, stateDirectory } from "./context";
import { RUN_PLAN_EXIT_CODES } from "./exitCodes";
import { CommonOptions, numberOption } from "./options";
import { report } from "./report";

interface RunPlanCliOptions extends CommonOptions {
    reason?: string;
    yes?: boolean;
    approver?: string;
    dryRun?: boolean;
    practice?: boolean;
    remote?: boolean;
    fromStep?: string;
    reportDir?: string;
    dnsServer?: string;
    verifyTimeout?: number;
}

const RUN_PLAN_HELP = `What it does: runs the plan's steps in order; the stacks of one step run in parallel, at most the step's
concurrency at a time, each a single-stack operation with its own lock, safety rules and audit entry. A stack
that fails halts its step (the others that had not started stay as they were). After every step the execution
record (<state dir>/plans/<plan>/execution.json) is written: the same command resumes where it stopped.
Progress lines are prefixed with their stack. The report (run-plan-report.json, run-plan-report.md) has each
step's duration, each stack's outcome and the total against the recovery-time target.

${RUN_PLAN_EXIT_CODES}

Environment:
  MULTICLOUD_DR_STATE_DIR, MULTICLOUD_DR_AUDIT_LOG, MULTICLOUD_DR_ACTOR, MULTICLOUD_DR_PULUMI_ROOT: as for failover
  MULTICLOUD_DR_APPROVER          default for --approver
  MULTICLOUD_DR_REMOTE_ORG, MULTICLOUD_DR_REMOTE_GIT_URL, MULTICLOUD_DR_REMOTE_GIT_BRANCH,
  MULTICLOUD_DR_REMOTE_PROJECT_PATH, MULTICLOUD_DR_REMOTE_GIT_TOKEN: --remote settings (override the plan's remote section)`;

/** Registers run-plan. */
export function registerRunPlanCommand(program: Command): void {
    program
        .command("run-plan")
        .description("Run a recovery plan: ordered steps over many stacks (scale the standby, switch data, switch traffic, approve, verify).")
        .argument("<file>", "the recovery plan (YAML; schemas/recovery-plan.schema.json)")
        .option("--reason <text>", "why (required; goes into every stack's audit entry)")
        .option("--yes", "approve the plan's approval steps that name no approvers, without the prompt")
        .option("--approver <name>", "who approves the plan's approval steps (CI); must be one of a step's approvers when it names them (default: $MULTICLOUD_DR_APPROVER)")
        .option("--dry-run", "preview every stack of every changing step and print the combined blast radius; nothing changes")
        .option("--practice", "run on each stack's practice stack (never a production stack), approving its own steps, like a drill")
        .option("--remote", "run each stack's preview and update on Pulumi Deployments (see the plan's remote section)")
        .option("--from-step <name>", "restart at this step (the steps before it stay as recorded)")
        .option("--report-dir <dir>", "where run-plan-report.json and .md go (default: <state dir>/plans/<plan>/reports/<time>)")
        .option("--json", "print the report as JSON on stdout")
        .option("--dns-server <address[:port]>", "the DNS server verify steps ask (default: the system's)")
        .addOption(numberOption("--verify-timeout <seconds>", "how long a verify step waits for traffic (default: the step's timeoutSeconds, else the plan's target)", "seconds"))
        .option("--dynamodb-endpoint <url>", "DynamoDB endpoint for the probes")
        .option("--connect-to <pairs>", "host:port=address:port[,...]: where the app-hostname probe connects")
        .option("--ca-file <pem>", "extra CA certificates for the HTTPS probes")
        .option("--audit-log <path>", "the JSON-lines audit log")
        .option("--webhook <url>", "Slack-compatible webhook told about flips (default: $MULTICLOUD_DR_WEBHOOK)")
        .addHelpText("after", `\n${RUN_PLAN_HELP}\n`)
        .action(async (file: string, options: RunPlanCliOptions) => {
            const loaded = loadPlanFile(file);
            const remote: RemoteSettings | undefined = options.remote ? resolveRemoteSettings(loaded.plan.remote, process.env) : undefined;
            const dnsServer = options.dnsServer === undefined ? undefined : parseDnsServer(options.dnsServer);
            const probeEnv = probeEnvironmentOf(options);
            const rtoTarget = loaded.plan.rtoTargetSeconds ?? defaultRtoTargetSeconds(loaded.plan.stacks.flatMap((s) => [s.name, ...(s.practice ? [s.practice] : [])]));
            const write = (line: string) => process.stderr.write(`${line}\n`);
            const contexts = new Map<string, Promise<DrContext>>();
            const contextFor = (stack: string) => {
                let ctx = contexts.get(stack);
                if (!ctx) {
                    const progress = stackProgress(write, stack);
                    ctx = openStackContext(stack, options, { log: progress.log, onUpOutput: progress.stream, wrapStack: remote ? (local) => remoteDrStack(local, remote) : undefined }).then((c) => c.ctx);
                    contexts.set(stack, ctx);
                }
                return ctx;
            };
            const ops = realStackOperations((timeoutSeconds) => ({
                probeEnv,
                resolve: dnsResolver({ server: dnsServer, timeoutMs: 3000, scope: probeEnv.scope }),
                pollSeconds: DEFAULT_VERIFY_POLL_SECONDS,
                timeoutSeconds: timeoutSeconds ?? options.verifyTimeout ?? rtoTarget,
            }));
            const result = await runPlan(
                loaded,
                {
                    reason: options.reason,
                    yes: !!options.yes,
                    approver: options.approver ?? (process.env.MULTICLOUD_DR_APPROVER || undefined),
                    dryRun: !!options.dryRun,
                    practice: !!options.practice,
                    remote: !!options.remote,
                    fromStep: options.fromStep,
                    stateDir: stateDirectory(),
                    reportDir: options.reportDir,
                    defaultRtoTargetSeconds: rtoTarget,
                },
                {
                    ops,
                    clock: systemClock,
                    actor: currentActor(),
                    contextFor,
                    log: (line) => write(`plan: ${line}`),
                    confirm: process.stdin.isTTY && process.stderr.isTTY ? askOnTerminal : undefined,
                },
            );
            write(`plan: report ${result.files.markdown} and ${result.files.json}`);
            report(result, options);
        });
}
