import * as fs from "fs";
import * as path from "path";
import type * as automation from "@pulumi/pulumi/automation";
import * as YAML from "yaml";
import { ConcurrentUpdateError, PROJECT_ROOT, StackCommandError, StackFileError, StackNotFoundError, StackOperationError } from "../topology";


/** One config value as `pulumi config --json` reports it. Secret values are never kept by this tool. */
export interface ConfigEntry {
    readonly value: string;
    readonly secret: boolean;
}

export type OpCounts = Readonly<Record<string, number>>;

/** One resource step of a preview, from the engine's resource-pre events. */
export interface PreviewStep {
    readonly op: string;
    readonly urn: string;
    readonly type: string;
    /** Properties whose change forces a replacement, when the engine reports them. */
    readonly replaces: readonly string[];
    /** Properties that change. */
    readonly diffs: readonly string[];
}

export interface PreviewReport {
    readonly changeSummary: OpCounts;
    readonly steps: readonly PreviewStep[];
}

/** A resource in the stack's state. */
export interface StackResource {
    readonly urn: string;
    readonly type: string;
}

/** What a refresh found changed outside Pulumi: one step per drifted resource (op `update` or `delete`, with diffs). */
export interface RefreshReport {
    readonly drifted: readonly PreviewStep[];
}

export interface UpReport {
    readonly result: string;
    readonly changeSummary: OpCounts;
}

/**
 * The stack operations the failover tool needs; everything above this line is tested against an
 * in-memory fake, and the real implementation is a thin layer over the Automation API.
 */
export interface DrStack {
    readonly name: string;
    getConfig(key: string): Promise<ConfigEntry | undefined>;
    /** Sets a plaintext value; `path`: the key is a path into a structured value (`multicloud-dr:linode.instancesPerRegion`). */
    setConfig(key: string, value: string, path?: boolean): Promise<void>;
    removeConfig(key: string, path?: boolean): Promise<void>;
    getAllConfig(): Promise<Record<string, ConfigEntry>>;
    /** Stack outputs; secret outputs are left out. */
    outputs(): Promise<Record<string, unknown>>;
    /** Every resource in the stack's state (URN and type only). */
    resources(): Promise<StackResource[]>;
    /** Refreshes only `targets`; `previewOnly` reads the real state and changes nothing. */
    refresh(targets: readonly string[], previewOnly: boolean): Promise<RefreshReport>;
    preview(): Promise<PreviewReport>;
    /** `targets`: the update touches only these URNs (`--target`); undefined: the whole stack. */
    up(message: string, onOutput?: (text: string) => void, targets?: readonly string[]): Promise<UpReport>;
}

export interface AutomationStackOptions {
    /** Root of a Pulumi installation (`<root>/bin/pulumi`); default: `pulumi` on PATH. */
    readonly pulumiRoot?: string;
    /** The project directory; default: this project. */
    readonly workDir?: string;
    readonly envVars?: Record<string, string>;
}

/** Selects `stackName` in a LocalWorkspace over the project directory. */
export async function openAutomationStack(stackName: string, options: AutomationStackOptions = {}): Promise<DrStack> {
    checkStackFile(path.join(options.workDir ?? PROJECT_ROOT, `Pulumi.${stackName}.yaml`));
    const auto: typeof automation = await import("@pulumi/pulumi/automation");
    const pulumiCommand = options.pulumiRoot
        ? await guard("version", stackName, auto, () => auto.PulumiCommand.get({ root: options.pulumiRoot, skipVersionCheck: true }))
        : undefined;
    const stack = await guard("stack select", stackName, auto, () =>
        auto.LocalWorkspace.selectStack(
            { stackName, workDir: options.workDir ?? PROJECT_ROOT },
            { pulumiCommand, envVars: options.envVars },
        ),
    );
    return new AutomationDrStack(stack, auto);
}

/**
 * A stack file that does not parse, or has a duplicate key, is bad input: one line naming the file and the first
 * problem, before the CLI is asked anything (it would fail on the first config command with its raw output).
 */
function checkStackFile(file: string): void {
    if (!fs.existsSync(file)) {
        return;
    }
    const [problem] = YAML.parseDocument(fs.readFileSync(file, "utf8")).errors;
    if (problem) {
        throw new StackFileError(`${path.basename(file)} is not valid YAML: ${problem.message.split("\n")[0].replace(/:$/, "")}`);
    }
}

/** Maps the Automation API's errors onto this adapter's typed errors. */
export async function guard<T>(command: string, stackName: string, auto: typeof automation, work: () => Promise<T>): Promise<T> {
    try {
        return await work();
    } catch (err) {
        const detail = err instanceof auto.CommandError ? stderrOf(err) : (err as Error).message;
        if (err instanceof auto.StackNotFoundError) {
            throw new StackNotFoundError(stackName, detail);
        }
        if (err instanceof auto.ConcurrentUpdateError) {
            throw new ConcurrentUpdateError(stackName, detail);
        }
        if (err instanceof auto.CommandError && /spawn \S+ ENOENT/.test(detail)) {
            throw new StackOperationError(`the pulumi CLI was not found (${/spawn (\S+) ENOENT/.exec(detail)?.[1]}): install it on PATH, or set MULTICLOUD_DR_PULUMI_ROOT`, detail);
        }
        if (err instanceof auto.CommandError) {
            throw new StackCommandError(command, detail);
        }
        throw err;
    }
}

function stderrOf(err: automation.CommandError): string {
    const result = (err as unknown as { commandResult?: { stderr?: string } }).commandResult;
    return result?.stderr ?? err.message;
}

class AutomationDrStack implements DrStack {
    constructor(
        private readonly stack: automation.Stack,
        private readonly auto: typeof automation,
    ) {}

    get name(): string {
        return this.stack.name;
    }

    private run<T>(command: string, work: () => Promise<T>): Promise<T> {
        return guard(command, this.stack.name, this.auto, work);
    }

    async getConfig(key: string): Promise<ConfigEntry | undefined> {
        try {
            const value = await this.run("config get", () => this.stack.getConfig(key));
            return { value: value.value ?? "", secret: !!value.secret };
        } catch (err) {
            if (err instanceof StackCommandError && /configuration key .* not found/.test(err.detail)) {
                return undefined;
            }
            throw err;
        }
    }

    async setConfig(key: string, value: string, path = false): Promise<void> {
        // With path, `config set --path` stores an integer-looking value as a number (pulumi/pulumi#4393, #18285).
        await this.run("config set", () => this.stack.setConfig(key, { value, secret: false }, path));
    }

    async removeConfig(key: string, path = false): Promise<void> {
        await this.run("config rm", () => this.stack.removeConfig(key, path));
    }

    async getAllConfig(): Promise<Record<string, ConfigEntry>> {
        const all = await this.run("config", () => this.stack.getAllConfig());
        const result: Record<string, ConfigEntry> = {};
        for (const [key, entry] of Object.entries(all)) {
            // The Automation API always asks for secrets in plain text; this tool never holds them.
            result[key] = entry.secret ? { value: "", secret: true } : { value: entry.value ?? "", secret: false };
        }
        return result;
    }

    async outputs(): Promise<Record<string, unknown>> {
        const outputs = await this.run("stack output", () => this.stack.outputs());
        const result: Record<string, unknown> = {};
        for (const [key, output] of Object.entries(outputs)) {
            if (!output.secret) {
                result[key] = output.value;
            }
        }
        return result;
    }

    async preview(): Promise<PreviewReport> {
        const steps: PreviewStep[] = [];
        const result = await this.run("preview", () =>
            this.stack.preview({
                onEvent: (event) => {
                    const meta = event.resourcePreEvent?.metadata;
                    if (meta) {
                        steps.push(stepOf(meta));
                    }
                },
            }),
        );
        return { changeSummary: { ...result.changeSummary }, steps };
    }

    async resources(): Promise<StackResource[]> {
        // `stack export --show-secrets` (the Automation API's only export): only URN and type are kept, at once.
        const exported = await this.run("stack export", () => this.stack.exportStack());
        const resources = (exported.deployment as { resources?: Array<{ urn?: unknown; type?: unknown }> } | undefined)?.resources ?? [];
        return resources.filter((r) => typeof r.urn === "string" && typeof r.type === "string").map((r) => ({ urn: r.urn as string, type: r.type as string }));
    }

    async refresh(targets: readonly string[], previewOnly: boolean): Promise<RefreshReport> {
        const last = new Map<string, automation.StepEventMetadata>();
        // A resource's outputs event (after the provider's read) supersedes its pre event.
        const onEvent = (event: automation.EngineEvent) => {
            const meta = event.resOutputsEvent?.metadata ?? event.resourcePreEvent?.metadata;
            if (meta) {
                last.set(meta.urn, meta);
            }
        };
        const opts = { target: [...targets], onEvent };
        // previewOnly: `refresh --preview-only` (stack.js previewRefresh, @pulumi/pulumi >= 3.181.0, pulumi/pulumi#19948); else `refresh --skip-preview --yes`.
        await this.run("refresh", async () => {
            await (previewOnly ? this.stack.previewRefresh(opts) : this.stack.refresh(opts));
        });
        return { drifted: [...last.values()].map(stepOf).filter(isDrift) };
    }

    async up(message: string, onOutput?: (text: string) => void, targets?: readonly string[]): Promise<UpReport> {
        const result = await this.run("up", () => this.stack.up({ message, onOutput, ...(targets ? { target: [...targets] } : {}) }));
        return { result: result.summary?.result ?? "succeeded", changeSummary: { ...(result.summary?.resourceChanges ?? {}) } };
    }
}

/** A refresh step that found a difference: the engine reports it as an update (or a delete) with its diffs. */
function isDrift(step: PreviewStep): boolean {
    return step.op === "delete" || step.op === "discard" || ((step.op === "update" || step.op === "refresh") && step.diffs.length > 0);
}

function stepOf(meta: automation.StepEventMetadata): PreviewStep {
    const detailed = meta.detailedDiff ?? {};
    const replaces = new Set<string>(meta.keys ?? []);
    for (const [property, diff] of Object.entries(detailed)) {
        if (String(diff.diffKind).endsWith("-replace")) {
            replaces.add(property);
        }
    }
    const diffs = new Set<string>([...(meta.diffs ?? []), ...Object.keys(detailed)]);
    return { op: meta.op, urn: meta.urn, type: meta.type, replaces: [...replaces], diffs: [...diffs] };
}
