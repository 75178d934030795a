import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { PROJECT, PROJECT_ROOT, readStackConfig, REQUIRED_SECRETS, withOverrides } from "../topology";
import { captureRegistrations, RecordedResource, ResourceRecorder, SECRET_PLACEHOLDER } from "./mockRuntime";
import { asProgramErrors } from "./programErrors";

// Internal to @pulumi/pulumi: waits until every resource registration has reached the (mock) monitor.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const settings: { waitForRPCs(): Promise<void>; getMonitor(): any } = require("@pulumi/pulumi/runtime/settings");


export interface ProgramRun {
    /** Every config value, namespaced, with secrets already replaced by SECRET_PLACEHOLDER. */
    readonly config: Record<string, string>;
    readonly secretKeys: readonly string[];
    readonly stack: string;
    /** Preview mode: values the clouds compute stay unknown instead of getting placeholders. */
    readonly preview?: boolean;
    /** The program module; the project's index.ts by default (or MULTICLOUD_DR_PROGRAM: tests plan a failing program through the CLI). */
    readonly program?: string;
}

export interface Evaluation {
    readonly stack: string;
    readonly resources: RecordedResource[];
    /** The program's stack outputs, with unknown values (preview) as undefined. */
    readonly outputs: Record<string, unknown>;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the Pulumi program under Pulumi's mock runtime and returns everything it declared. Evaluations are
 * serialized: the runtime is process-global.
 */
export function evaluateProgram(run: ProgramRun): Promise<Evaluation> {
    const result = queue.then(() => evaluateNow(run));
    queue = result.catch(() => undefined);
    return result;
}

/** The config a stack file gives the program offline: secure values and required secrets as placeholders. */
export function offlineStackConfig(stack: string, overrides: Record<string, string> = {}): { config: Record<string, string>; secretKeys: string[] } {
    const file = readStackConfig(stack);
    const config = withOverrides(file.values, overrides);
    const secretKeys = [...file.secretKeys];
    for (const key of secretKeys) {
        config[key] = SECRET_PLACEHOLDER;
    }
    for (const name of REQUIRED_SECRETS) {
        const key = `${PROJECT}:${name}`;
        if (!secretKeys.includes(key)) {
            secretKeys.push(key);
            config[key] = SECRET_PLACEHOLDER;
        }
    }
    return { config, secretKeys };
}

/** Evaluates a stack from its stack file, with optional `key=value` overrides. */
export function evaluateStack(stack: string, options: { overrides?: Record<string, string>; preview?: boolean } = {}): Promise<Evaluation> {
    const { config, secretKeys } = offlineStackConfig(stack, options.overrides);
    return evaluateProgram({ config, secretKeys, stack, preview: options.preview });
}

async function evaluateNow(run: ProgramRun): Promise<Evaluation> {
    const programPath = require.resolve(run.program ?? process.env.MULTICLOUD_DR_PROGRAM ?? path.join(PROJECT_ROOT, "index"));
    const declare = () => {
        delete require.cache[programPath];
        return require(programPath);
    };
    return asProgramErrors(() => declareNow(run, declare), () => settings.waitForRPCs());
}

/**
 * Runs any declarations (a component under test, a synthetic program) under the mock runtime with the given
 * config, and returns what they declared and the settled values of what `declare` returns.
 */
export function evaluateDeclarations(
    declare: () => Record<string, unknown>,
    run: Partial<ProgramRun> = {},
): Promise<Evaluation> {
    const full: ProgramRun = { config: {}, secretKeys: [], stack: "test", ...run };
    const result = queue.then(() => declareNow(full, declare));
    queue = result.catch(() => undefined);
    return result;
}

/**
 * Pulumi takes a stack trace for every promise it creates, only to report leaked promises: most of an offline
 * evaluation's time. None are taken while the program is declared, unless MULTICLOUD_DR_DEBUG is set (errors
 * thrown meanwhile then carry their message without a trace).
 */
async function declareNow(run: ProgramRun, declare: () => Record<string, unknown>): Promise<Evaluation> {
    if (process.env.MULTICLOUD_DR_DEBUG) {
        return declareTraced(run, declare);
    }
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        return await declareTraced(run, declare);
    } finally {
        Error.stackTraceLimit = limit;
    }
}

async function declareTraced(run: ProgramRun, declare: () => Record<string, unknown>): Promise<Evaluation> {
    const recorder = new ResourceRecorder(run.preview ?? false);
    await pulumi.runtime.setMocks(recorder, PROJECT, run.stack, run.preview ?? false);
    captureRegistrations(settings.getMonitor(), recorder);
    pulumi.runtime.setAllConfig(run.config, [...run.secretKeys]);
    const exported = declare();
    const outputs: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(exported)) {
        outputs[name] = await settle(value);
    }
    await settings.waitForRPCs();
    return { stack: run.stack, resources: recorder.resources, outputs };
}

/** Resolves an Output (or a structure of them) to plain data; unknown values become undefined. */
export async function settle(value: unknown): Promise<unknown> {
    const output = pulumi.output(value as pulumi.Input<unknown>) as any;
    const known: boolean = await output.isKnown;
    if (!known) {
        return undefined;
    }
    return output.promise();
}

