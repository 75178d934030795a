import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";
import { BadInputError, PROJECT_ROOT } from "../topology";
import { Actor, currentActor } from "../automation/audit";
import { systemClock } from "../automation/clock";
import { DrContext, HealthProber, OperationResult } from "../automation/operations";
import { certificateReader, parseConnectTo, planProbes, ProbeEnvironment, ProbeScope, runProbes } from "../automation/probes";
import { except, failoverWorkflowUrl, fanOut, Notifier, pagerDutyNotifier, webhookNotifier } from "../automation/notify";
import { openAutomationStack } from "../automation/stackAdapter";
import { CommonOptions } from "./options";

/** Lock files, the default audit log and drill reports: MULTICLOUD_DR_STATE_DIR, else `<project>/.dr`. */
export function stateDirectory(): string {
    return process.env.MULTICLOUD_DR_STATE_DIR || path.join(PROJECT_ROOT, ".dr");
}

/** The stack named by --stack or MULTICLOUD_DR_STACK. */
export function stackNameOf(options: CommonOptions): string {
    const stackName = options.stack ?? process.env.MULTICLOUD_DR_STACK;
    if (!stackName) {
        throw new BadInputError("--stack is required (or set MULTICLOUD_DR_STACK)");
    }
    return stackName;
}

/** Opens the stack and builds the context from the options and the environment, then runs the operation in it. */
export async function withContext(options: CommonOptions, operation: (ctx: DrContext, probeEnv: ProbeEnvironment) => Promise<OperationResult>): Promise<OperationResult> {
    const stackName = stackNameOf(options);
    const pulumiRoot = process.env.MULTICLOUD_DR_PULUMI_ROOT || undefined;
    const stateDir = stateDirectory();
    const stack = await openAutomationStack(stackName, { pulumiRoot });
    const probeEnv = probeEnvironment(options, pulumiRoot !== undefined);
    const auditLog = options.auditLog ?? process.env.MULTICLOUD_DR_AUDIT_LOG ?? path.join(stateDir, "audit.jsonl");
    const actor = currentActor();
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const ctx: DrContext = {
        stack,
        clock: systemClock,
        probe: realProber(probeEnv),
        certificates: certificateReader(probeEnv.scope),
        confirm: process.stdin.isTTY && process.stderr.isTTY ? askOnTerminal : undefined,
        auditLog,
        lockDir: stateDir,
        actor,
        log,
        onUpOutput: (text) => process.stderr.write(text),
        notify: notifierOf(options, { scope: probeEnv.scope, log, auditLog, actor }),
    };
    return operation(ctx, probeEnv);
}

/**
 * Every notifier configured: the chat webhook (--webhook, MULTICLOUD_DR_WEBHOOK) and PagerDuty
 * (MULTICLOUD_DR_PAGERDUTY_ROUTING_KEY; MULTICLOUD_DR_PAGERDUTY_URL overrides the endpoint). `ready` and `all-clear`
 * only close a page, so the webhook is not told of them.
 */
function notifierOf(options: CommonOptions, base: { scope: ProbeScope; log: (line: string) => void; auditLog: string; actor: Actor }): Notifier | undefined {
    const webhook = options.webhook ?? (process.env.MULTICLOUD_DR_WEBHOOK || undefined);
    const routingKey = process.env.MULTICLOUD_DR_PAGERDUTY_ROUTING_KEY || undefined;
    return fanOut([
        except(webhook ? webhookNotifier({ url: webhook, ...base }) : undefined, ["ready", "all-clear"]),
        routingKey
            ? pagerDutyNotifier({ routingKey, url: process.env.MULTICLOUD_DR_PAGERDUTY_URL || undefined, failoverWorkflowUrl: failoverWorkflowUrl(process.env), ...base })
            : undefined,
    ]);
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
