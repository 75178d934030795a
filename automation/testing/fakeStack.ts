import { ConcurrentUpdateError, PROJECT, readStackConfig, StackCommandError } from "../../topology";
import { ConfigEntry, DrStack, PreviewReport, PreviewStep, RefreshReport, StackResource, UpReport } from "../stackAdapter";
import { previewOfConfigChange, resourcesOf, withExtraSteps } from "./previewSteps";

type Operation = "getConfig" | "setConfig" | "removeConfig" | "getAllConfig" | "outputs" | "resources" | "refresh" | "preview" | "up";

const SWITCHES = [`${PROJECT}:activeSite`, `${PROJECT}:linodeActiveRegion`, `${PROJECT}:dataSite`, `${PROJECT}:dataEpoch`];

/**
 * An in-memory stack for tests: config, the config of the last successful update, outputs derived from
 * it, a preview built from the real program's offline diff between the two, and injectable failures.
 */
export class FakeStack implements DrStack {
    readonly calls: string[] = [];
    readonly upMessages: string[] = [];
    config: Record<string, ConfigEntry>;
    deployed: Record<string, string>;
    /** Extra steps every preview reports (e.g. a replacement, to test the safe-flip rule). */
    extraPreviewSteps: PreviewStep[] = [];
    /** What a refresh finds changed outside Pulumi (reported for the targeted URNs only). */
    driftOnRefresh: PreviewStep[] = [];
    /** Each refresh's targets and mode, and each update's targets, in order. */
    readonly refreshes: Array<{ readonly targets: readonly string[]; readonly previewOnly: boolean }> = [];
    readonly upTargets: Array<readonly string[] | undefined> = [];
    private readonly failures = new Map<Operation, Error[]>();

    constructor(
        readonly name: string,
        config: Record<string, string>,
        private readonly staticOutputs: Record<string, unknown>,
        secretKeys: readonly string[] = [],
    ) {
        this.config = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, { value: v, secret: secretKeys.includes(k) }]));
        this.deployed = { ...config };
    }

    /** A fake of one of the project's stacks, with its stack file's config. */
    static fromStackFile(stack: string, outputs: Record<string, unknown>): FakeStack {
        const file = readStackConfig(stack);
        return new FakeStack(stack, file.values, outputs, file.secretKeys);
    }

    /** The next call of `op` throws `error` (queued: several calls fail in order). */
    failNext(op: Operation, error: Error): void {
        this.failures.set(op, [...(this.failures.get(op) ?? []), error]);
    }

    static concurrentUpdate(stack = "staging"): ConcurrentUpdateError {
        return new ConcurrentUpdateError(stack, "error: [409] Conflict: Another update is currently in progress.");
    }

    static upFailure(): StackCommandError {
        return new StackCommandError("up", "error: update failed");
    }

    value(key: string): string | undefined {
        return this.config[key.includes(":") ? key : `${PROJECT}:${key}`]?.value;
    }

    private record(op: Operation, detail = ""): void {
        this.calls.push(detail ? `${op} ${detail}` : op);
        const queued = this.failures.get(op);
        const error = queued?.shift();
        if (error) {
            throw error;
        }
    }

    async getConfig(key: string): Promise<ConfigEntry | undefined> {
        this.record("getConfig", key);
        return this.config[key];
    }

    async setConfig(key: string, value: string): Promise<void> {
        this.record("setConfig", key);
        this.config[key] = { value, secret: false };
    }

    async removeConfig(key: string): Promise<void> {
        this.record("removeConfig", key);
        delete this.config[key];
    }

    async getAllConfig(): Promise<Record<string, ConfigEntry>> {
        this.record("getAllConfig");
        return JSON.parse(JSON.stringify(this.config));
    }

    async outputs(): Promise<Record<string, unknown>> {
        this.record("outputs");
        // As index.ts exports them: the data site follows the active site unless set, and the epoch defaults to 0.
        const dataSite = this.deployed[`${PROJECT}:dataSite`] ?? this.deployed[`${PROJECT}:activeSite`];
        const writeRegions = this.staticOutputs.writeRegions as Record<string, string> | undefined;
        return {
            ...this.staticOutputs,
            activeSite: this.deployed[`${PROJECT}:activeSite`],
            linodeActiveRegion: this.deployed[`${PROJECT}:linodeActiveRegion`],
            dataSite,
            ...(writeRegions?.[dataSite] ? { writeRegion: writeRegions[dataSite] } : {}),
            epoch: Number(this.deployed[`${PROJECT}:dataEpoch`] ?? 0),
        };
    }

    async resources(): Promise<StackResource[]> {
        this.record("resources");
        return resourcesOf(this.name, this.switches((key) => this.deployed[key]));
    }

    async refresh(targets: readonly string[], previewOnly: boolean): Promise<RefreshReport> {
        this.record("refresh", previewOnly ? "preview-only" : "");
        this.refreshes.push({ targets, previewOnly });
        return { drifted: this.driftOnRefresh.filter((s) => targets.includes(s.urn)) };
    }

    async preview(): Promise<PreviewReport> {
        this.record("preview");
        return withExtraSteps(await this.flipPreview(), this.extraPreviewSteps);
    }

    async up(message: string, onOutput?: (text: string) => void, targets?: readonly string[]): Promise<UpReport> {
        this.record("up");
        this.upMessages.push(message);
        this.upTargets.push(targets);
        const { steps, changeSummary } = await this.flipPreview();
        onOutput?.(`Updating (${this.name}):\n${steps.map((s) => `  ~ ${s.type} ${s.urn.split("::").pop()} updated\n`).join("")}`);
        for (const key of SWITCHES) {
            this.deployed[key] = this.config[key]?.value;
        }
        return { result: "succeeded", changeSummary };
    }

    /** What moving the deployed switches to the configured ones changes, by the real program. */
    private flipPreview(): Promise<PreviewReport> {
        return previewOfConfigChange(this.name, this.switches((key) => this.deployed[key]), this.switches((key) => this.config[key]?.value));
    }

    private switches(values: (key: string) => string | undefined): Record<string, string> {
        return Object.fromEntries(SWITCHES.map((key) => [key, values(key)]).filter((e): e is [string, string] => e[1] !== undefined));
    }
}
