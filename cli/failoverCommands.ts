import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";
import { Command, Option } from "commander";
import { BadInputError, EXIT, OutcomeError, PROJECT_ROOT, SITES } from "../topology";
import { currentActor } from "../automation/audit";
import { systemClock } from "../automation/clock";
import {
    checkFailoverInput,
    checkLinodeRegionInput,
    DrContext,
    failback,
    failover,
    FlipOptions,
    HealthProber,
    moveLinodeRegion,
    OperationResult,
    status,
} from "../automation/operations";
import { parseConnectTo, planProbes, ProbeEnvironment, runProbes } from "../automation/probes";
import { webhookNotifier } from "../automation/notify/webhook";
import { openAutomationStack } from "../automation/stackAdapter";
import { EXIT_CODES_HELP } from "./exitCodesHelp";

export interface CommonOptions {
    stack?: string;
    webhook?: string;
    json?: boolean;
    auditLog?: string;
    dynamodbEndpoint?: string;
    connectTo?: string;
    caFile?: string;
}

interface FlipCliOptions extends CommonOptions {
    to?: string;
    reason?: string;
    force?: boolean;
    yes?: boolean;
    dryRun?: boolean;
}

const ENVIRONMENT_HELP = [
    "Environment:",
    "  MULTICLOUD_DR_STACK            default for --stack",
    "  MULTICLOUD_DR_STATE_DIR        lock files and the default audit log (default: <project>/.dr)",
    "  MULTICLOUD_DR_AUDIT_LOG        default for --audit-log (default: <state dir>/audit.jsonl)",
    "  MULTICLOUD_DR_ACTOR            who runs the tool, for the audit (default: $GITHUB_ACTOR or the local user)",
    "  MULTICLOUD_DR_PULUMI_ROOT      a Pulumi installation root (<root>/bin/pulumi) instead of `pulumi` on PATH;",
    "                                 with it, probes only go to loopback addresses (it is how tests run the tool)",
    "  MULTICLOUD_DR_LOOPBACK_ONLY=1  probe loopback addresses only",
    "  MULTICLOUD_DR_DYNAMODB_ENDPOINT, MULTICLOUD_DR_CONNECT_TO, MULTICLOUD_DR_PROBE_CA: defaults for the probe options",
    "  MULTICLOUD_DR_WEBHOOK          default for --webhook",
].join("\n");

/** The options every stack command takes. */
export function addCommonOptions(command: Command, exitCodesHelp = EXIT_CODES_HELP): Command {
    return command
        .option("--stack <name>", "the stack (default: $MULTICLOUD_DR_STACK)")
        .option("--json", "print the result as JSON on stdout")
        .option("--audit-log <path>", "the JSON-lines audit log")
        .option("--dynamodb-endpoint <url>", "DynamoDB endpoint for the probes (e.g. a local DynamoDB)")
        .option("--connect-to <pairs>", "host:port=address:port[,...]: where the app-hostname probe connects")
        .option("--ca-file <pem>", "extra CA certificates for the HTTPS probes")
        .option("--webhook <url>", "Slack-compatible webhook told about flips, alerts and drills (default: $MULTICLOUD_DR_WEBHOOK)")
        .addHelpText("after", `\n${exitCodesHelp}\n\n${ENVIRONMENT_HELP}`);
}

/** Registers status, failover, failback and linode-region. */
export function registerFailoverCommands(program: Command): void {
    const common = (command: Command) => addCommonOptions(command);
    const flip = (command: Command) =>
        common(command)
            .option("--reason <text>", "why (required for failover and linode-region; goes into the audit log)")
            .option("--force", "override the cooldown (failover and linode-region: also an unhealthy target); needs --reason")
            .option("--yes", "approve without the interactive prompt")
            .option("--dry-run", "probe, check the rules and preview the flip; config is restored and nothing is deployed");

    common(program.command("status").description("Show the active site, pending flips, the cooldown and the health of every endpoint.")).action(
        async (options: CommonOptions) => {
            const result = await withContext(options, (ctx) => status(ctx));
            report(result, options, true);
        },
    );

    flip(program.command("failover").description("Move traffic to a site: set activeSite, preview (must be a safe flip), then update."))
        .addOption(new Option("--to <site>", "the site to move traffic to").choices(SITES).makeOptionMandatory())
        .action(async (options: FlipCliOptions) => {
            checkFailoverInput(options.to ?? "", options);
            const result = await withContext(options, (ctx) => failover(ctx, options.to ?? "", flipOptions(options)));
            report(result, options);
        });

    flip(
        program
            .command("failback")
            .description("Return traffic to the home site, after it has been healthy for the failback window (sampled), with approval."),
    ).action(async (options: FlipCliOptions) => {
        const result = await withContext(options, (ctx) => failback(ctx, flipOptions(options)));
        report(result, options);
    });

    flip(program.command("linode-region").alias("move-linode").description("Move the Linode site to another of the stack's Linode regions."))
        .requiredOption("--to <region>", "the Linode region whose NodeBalancer should serve")
        .action(async (options: FlipCliOptions) => {
            checkLinodeRegionInput(options.to ?? "", options);
            const result = await withContext(options, (ctx) => moveLinodeRegion(ctx, options.to ?? "", flipOptions(options)));
            report(result, options);
        });
}

function flipOptions(options: FlipCliOptions): FlipOptions {
    return { reason: options.reason, force: !!options.force, yes: !!options.yes, dryRun: !!options.dryRun };
}

/** Opens the stack and builds the context; maps the adapter's and operations' errors to one line and an exit code. */
export async function withContext(options: CommonOptions, operation: (ctx: DrContext, probeEnv: ProbeEnvironment) => Promise<OperationResult>): Promise<OperationResult> {
    const stackName = options.stack ?? process.env.MULTICLOUD_DR_STACK;
    if (!stackName) {
        throw new BadInputError("--stack is required (or set MULTICLOUD_DR_STACK)");
    }
    const pulumiRoot = process.env.MULTICLOUD_DR_PULUMI_ROOT || undefined;
    const stateDir = process.env.MULTICLOUD_DR_STATE_DIR || path.join(PROJECT_ROOT, ".dr");
    const stack = await openAutomationStack(stackName, { pulumiRoot });
    const probeEnv = probeEnvironment(options, pulumiRoot !== undefined);
    const auditLog = options.auditLog ?? process.env.MULTICLOUD_DR_AUDIT_LOG ?? path.join(stateDir, "audit.jsonl");
    const actor = currentActor();
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const webhook = options.webhook ?? (process.env.MULTICLOUD_DR_WEBHOOK || undefined);
    const ctx: DrContext = {
        stack,
        clock: systemClock,
        probe: realProber(probeEnv),
        confirm: process.stdin.isTTY && process.stderr.isTTY ? askOnTerminal : undefined,
        auditLog,
        lockDir: stateDir,
        actor,
        log,
        onUpOutput: (text) => process.stderr.write(text),
        notify: webhook ? webhookNotifier({ url: webhook, scope: probeEnv.scope, log, auditLog, actor }) : undefined,
    };
    return operation(ctx, probeEnv);
}

function probeEnvironment(options: CommonOptions, usingOtherPulumi: boolean): ProbeEnvironment {
    const loopbackOnly = usingOtherPulumi || process.env.MULTICLOUD_DR_LOOPBACK_ONLY === "1";
    const caFile = options.caFile ?? process.env.MULTICLOUD_DR_PROBE_CA;
    let connectTo: Record<string, string>;
    try {
        connectTo = parseConnectTo(options.connectTo ?? process.env.MULTICLOUD_DR_CONNECT_TO);
    } catch (err) {
        throw new BadInputError((err as Error).message);
    }
    if (caFile && !fs.existsSync(caFile)) {
        throw new BadInputError(`--ca-file ${caFile} does not exist`);
    }
    return {
        scope: { allowRemote: !loopbackOnly },
        dynamodbEndpoint: options.dynamodbEndpoint ?? (process.env.MULTICLOUD_DR_DYNAMODB_ENDPOINT || undefined),
        ca: caFile ? fs.readFileSync(caFile) : undefined,
        connectTo,
    };
}

export function realProber(env: ProbeEnvironment): HealthProber {
    return (state, only) => {
        const probes = planProbes(state, env).filter((p) => !only || only.includes(p.name));
        return runProbes(probes, state.cfg.failover.probeDeadlineMs);
    };
}

function askOnTerminal(question: string): Promise<boolean> {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    return new Promise((resolve) => {
        rl.question(`${question} Type "yes" to continue: `, (answer) => {
            rl.close();
            resolve(answer.trim().toLowerCase() === "yes");
        });
    });
}

export function report(result: OperationResult, options: CommonOptions, alwaysStdout = false): void {
    if (options.json) {
        process.stdout.write(`${JSON.stringify({ exitCode: result.exitCode, message: result.message, ...result.data }, null, 2)}\n`);
    } else if (result.exitCode === EXIT.OK || alwaysStdout) {
        process.stdout.write(`${result.message}\n`);
    }
    if (result.exitCode !== EXIT.OK) {
        // main prints one "error: ..." line and exits with this code.
        throw new OutcomeError(alwaysStdout ? firstLineOf(result.message, "the active site is unhealthy") : result.message, result.exitCode);
    }
}

function firstLineOf(message: string, fallback: string): string {
    return message.split("\n").find((l) => l.includes("UNHEALTHY"))?.trim() ?? fallback;
}

