import { PROJECT, readStackConfig } from "../../topology";
import { ConcurrentUpdateError, ConfigEntry, DrStack, PreviewReport, PreviewStep, StackCommandError, UpReport } from "../stackAdapter";

type Operation = "getConfig" | "setConfig" | "removeConfig" | "getAllConfig" | "outputs" | "preview" | "up";

const SWITCHES = [`${PROJECT}:activeSite`, `${PROJECT}:linodeActiveRegion`];

/**
 * An in-memory stack for tests: config, the config of the last successful update, outputs derived from
 * it, a preview that updates the DNS records and parameters a flip touches, and injectable failures.
 */
export class FakeStack implements DrStack {
    readonly calls: string[] = [];
    readonly upMessages: string[] = [];
    config: Record<string, ConfigEntry>;
    deployed: Record<string, string>;
    /** Extra steps every preview reports (e.g. a replacement, to test the safe-flip rule). */
    extraPreviewSteps: PreviewStep[] = [];
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
        return {
            ...this.staticOutputs,
            activeSite: this.deployed[`${PROJECT}:activeSite`],
            linodeActiveRegion: this.deployed[`${PROJECT}:linodeActiveRegion`],
        };
    }

    async preview(): Promise<PreviewReport> {
        this.record("preview");
        const steps = [...this.flipSteps(), ...this.extraPreviewSteps];
        const changeSummary: Record<string, number> = { same: 20 };
        for (const step of steps) {
            changeSummary[step.op] = (changeSummary[step.op] ?? 0) + 1;
        }
        return { changeSummary, steps };
    }

    async up(message: string, onOutput?: (text: string) => void): Promise<UpReport> {
        this.record("up");
        this.upMessages.push(message);
        const steps = this.flipSteps();
        onOutput?.(`Updating (${this.name}):\n${steps.map((s) => `  ~ ${s.type} ${s.urn.split("::").pop()} updated\n`).join("")}`);
        for (const key of SWITCHES) {
            this.deployed[key] = this.config[key]?.value;
        }
        return { result: "succeeded", changeSummary: { same: 20, update: steps.length } };
    }

    /** What a flip updates: the failover records and parameter, or the Linode app record. */
    private flipSteps(): PreviewStep[] {
        const changed = SWITCHES.filter((key) => this.config[key]?.value !== this.deployed[key]);
        const steps: PreviewStep[] = [];
        const step = (type: string, name: string, diffs: string[]): PreviewStep => ({
            op: "update",
            type,
            urn: `urn:pulumi:${this.name}::multicloud-dr::${type}::${name}`,
            replaces: [],
            diffs,
        });
        if (changed.length > 0) {
            steps.push(step("aws:route53/record:Record", "app-primary", ["records", "healthCheckId"]));
            steps.push(step("aws:route53/record:Record", "app-secondary", ["records", "healthCheckId"]));
        }
        if (changed.includes(`${PROJECT}:activeSite`)) {
            steps.push(step("aws:ssm/parameter:Parameter", "active-site-us-east-1", ["value"]));
        }
        if (changed.includes(`${PROJECT}:linodeActiveRegion`)) {
            steps.push(step("linode:index/domainRecord:DomainRecord", "linode-app", ["target"]));
        }
        return steps;
    }
}
