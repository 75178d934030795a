import * as fs from "fs";
import * as path from "path";
import * as readline from "readline";
import { BadInputError, PROJECT_ROOT } from "../topology";
import { Actor, currentActor } from "../automation/audit";
import { systemClock } from "../automation/clock";
import { DrContext, HealthProber, OperationResult } from "../automation/operations";
import { dynamoRegionalTable } from "../automation/fence/regionalTable";
import { certificateReader, parseConnectTo, parseDynamodbEndpoints, planProbes, ProbeEnvironment, ProbeScope, runProbes } from "../automation/probes";
import { except, failoverWorkflowUrl, fanOut, Notifier, pagerDutyNotifier, webhookNotifier } from "../automation/notify";
import { DrStack, openAutomationStack } from "../automation/stackAdapter";
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
    const { ctx, probeEnv } = await openStackContext(stackNameOf(options), options, {
        log: (line) => process.stderr.write(`${line}\n`),
        onUpOutput: (text) => process.stderr.write(text),
        confirm: process.stdin.isTTY && process.stderr.isTTY ? askOnTerminal : undefined,
    });
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

/** The probe environment of the options and the environment; outside a real run (another `pulumi`, or LOOPBACK_ONLY) loopback only. */
export function probeEnvironmentOf(options: CommonOptions): ProbeEnvironment {
    const usingOtherPulumi = (process.env.MULTICLOUD_DR_PULUMI_ROOT || undefined) !== undefined;
    const loopbackOnly = usingOtherPulumi || process.env.MULTICLOUD_DR_LOOPBACK_ONLY === "1";
    const caFile = options.caFile ?? process.env.MULTICLOUD_DR_PROBE_CA;
    let connectTo: Record<string, string>;
    let dynamodb: ReturnType<typeof parseDynamodbEndpoints>;
    try {
        connectTo = parseConnectTo(options.connectTo ?? process.env.MULTICLOUD_DR_CONNECT_TO);
        dynamodb = parseDynamodbEndpoints(options.dynamodbEndpoint ?? (process.env.MULTICLOUD_DR_DYNAMODB_ENDPOINT || undefined));
    } catch (err) {
        throw new BadInputError((err as Error).message);
    }
    if (caFile && !fs.existsSync(caFile)) {
        throw new BadInputError(`--ca-file ${caFile} does not exist`);
    }
    return {
        scope: { allowRemote: !loopbackOnly },
        ...dynamodb,
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

export function askOnTerminal(question: string): Promise<boolean> {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    return new Promise((resolve) => {
        rl.question(`${question} Type "yes" to continue: `, (answer) => {
            rl.close();
            resolve(answer.trim().toLowerCase() === "yes");
        });
    });
}

/** What differs between the contexts of the stacks one command opens (run-plan): where each stack's lines go, and the stack itself. */
export interface StackContextParts {
    readonly log: (line: string) => void;
    readonly onUpOutput: (text: string) => void;
    /** Asks the operator; run-plan leaves it out (the plan's approval steps ask). */
    readonly confirm?: (question: string) => Promise<boolean>;
    /** Wraps the opened stack (e.g. to run its updates remotely). */
    readonly wrapStack?: (stack: DrStack) => DrStack;
}

/** Opens one stack and builds its context from the options and the environment: `withContext` for one stack, run-plan for each of its stacks. */
export async function openStackContext(stackName: string, options: CommonOptions, parts: StackContextParts): Promise<{ ctx: DrContext; probeEnv: ProbeEnvironment }> {
    const opened = await openAutomationStack(stackName, { pulumiRoot: process.env.MULTICLOUD_DR_PULUMI_ROOT || undefined });
    const probeEnv = probeEnvironmentOf(options);
    const stateDir = stateDirectory();
    const auditLog = options.auditLog ?? process.env.MULTICLOUD_DR_AUDIT_LOG ?? path.join(stateDir, "audit.jsonl");
    const actor = currentActor();
    const ctx: DrContext = {
        stack: parts.wrapStack ? parts.wrapStack(opened) : opened,
        clock: systemClock,
        probe: realProber(probeEnv),
        certificates: certificateReader(probeEnv.scope),
        openTable: (tableName, timeoutMs) => dynamoRegionalTable({ tableName, endpoints: probeEnv, scope: probeEnv.scope, timeoutMs }),
        confirm: parts.confirm,
        auditLog,
        lockDir: stateDir,
        actor,
        log: parts.log,
        onUpOutput: parts.onUpOutput,
        notify: notifierOf(options, { scope: probeEnv.scope, log: parts.log, auditLog, actor }),
    };
    return { ctx, probeEnv };
}
