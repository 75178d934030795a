import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FakeClock } from "../../automation/clock";
import { DrContext } from "../../automation/operations";
import { scaleStandby } from "../../automation/recovery";
import { ConfigEntry, DrStack, PreviewReport, PreviewStep } from "../../automation/stackAdapter";
import { EXIT, readStackConfig } from "../../topology";

/** A stack in memory with staging's config; its preview is whatever the test sets; records every config write. */
class MemoryStack implements DrStack {
    readonly name = "staging";
    readonly writes: string[] = [];
    config: Record<string, ConfigEntry>;
    previewSteps: PreviewStep[] = [];
    ups = 0;
    constructor() {
        this.config = Object.fromEntries(Object.entries(readStackConfig("staging").values).map(([k, v]) => [k, { value: v, secret: false }]));
    }
    section(name: string): Record<string, unknown> {
        return JSON.parse(this.config[`multicloud-dr:${name}`].value);
    }
    async getConfig(key: string) {
        return this.config[key];
    }
    async setConfig(key: string, value: string, isPath = false) {
        this.writes.push(`${isPath ? "set --path" : "set"} ${key} ${value}`);
        if (!isPath) {
            this.config[key] = { value, secret: false };
            return;
        }
        const [top, field] = key.split(".");
        const section = JSON.parse(this.config[top].value);
        section[field] = Number(value);
        this.config[top] = { value: JSON.stringify(section), secret: false };
    }
    async removeConfig(key: string) {
        delete this.config[key];
    }
    async getAllConfig() {
        return JSON.parse(JSON.stringify(this.config));
    }
    async outputs() {
        return {};
    }
    async resources() {
        return [];
    }
    async refresh() {
        return { drifted: [] };
    }
    async preview(): Promise<PreviewReport> {
        return { changeSummary: {}, steps: this.previewSteps };
    }
    async up() {
        this.ups++;
        return { result: "succeeded", changeSummary: {} };
    }
}

const step = (op: string, type: string, name: string, diffs: string[] = [], replaces: string[] = []): PreviewStep => ({ op, type, urn: `urn:pulumi:staging::multicloud-dr::${type}::${name}`, diffs, replaces });

describe("scale-standby on one stack (in-memory stack, fake clock)", () => {
    let dir: string;
    let stack: MemoryStack;
    let ctx: DrContext;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "scale-"));
        stack = new MemoryStack();
        ctx = { stack, clock: new FakeClock(), probe: async () => [], auditLog: path.join(dir, "audit.jsonl"), lockDir: dir, actor: { who: "w", host: "h" }, log: () => undefined };
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("raises Linode instances through path config and updates when the preview only adds capacity", async () => {
        stack.previewSteps = [step("create", "linode:index/instance:Instance", "linode-us-east-1"), step("create", "linode:index/nodeBalancerNode:NodeBalancerNode", "n")];
        const result = await scaleStandby(ctx, { site: "linode", linode: { instancesPerRegion: 3 } }, { reason: "r", dryRun: false });
        assert.strictEqual(result.exitCode, EXIT.OK, result.message);
        assert.deepStrictEqual(result.data.changes, { "linode.instancesPerRegion": { from: 1, to: 3 } });
        assert.deepStrictEqual(stack.writes, ["set --path multicloud-dr:linode.instancesPerRegion 3"]);
        assert.strictEqual(stack.section("linode").instancesPerRegion, 3);
        assert.strictEqual(stack.ups, 1);
    });

    it("refuses a preview that replaces a node pool, restoring config and never updating", async () => {
        stack.previewSteps = [step("update", "gcp:container/nodePool:NodePool", "gke-us-central1-pool", ["initialNodeCount"], ["initialNodeCount"])];
        const result = await scaleStandby(ctx, { site: "gcp", gcp: { nodesPerZone: 2 } }, { reason: "r", dryRun: false });
        assert.strictEqual(result.exitCode, EXIT.REFUSED);
        assert.match(result.message, /not a safe capacity raise: update of gcp:container\/nodePool:NodePool "gke-us-central1-pool" replaces it \(initialNodeCount\); config restored$/);
        assert.deepStrictEqual(stack.writes, ["set --path multicloud-dr:gcp.nodesPerZone 2", "set --path multicloud-dr:gcp.nodesPerZone 1"]);
        assert.strictEqual(stack.ups, 0);
    });

    it("never lowers a count, and keeps GKE within its bounds, changing nothing", async () => {
        const lower = await scaleStandby(ctx, { site: "linode", linode: { instancesPerRegion: 1 } }, { reason: "r", dryRun: false });
        assert.deepStrictEqual([lower.exitCode, lower.data.outcome], [EXIT.OK, "at-target"]);
        const bounds = await scaleStandby(ctx, { site: "gcp", gcp: { minNodesPerZone: 2 } }, { reason: "r", dryRun: false });
        assert.strictEqual(bounds.exitCode, EXIT.REFUSED);
        assert.match(bounds.message, /gcp\.nodesPerZone 1 would be outside the autoscaling bounds 2\.\.2; config unchanged/);
        assert.deepStrictEqual(stack.writes, []);
    });

    it("a dry run previews and restores", async () => {
        stack.previewSteps = [step("create", "linode:index/instance:Instance", "linode-us-east-1")];
        const result = await scaleStandby(ctx, { site: "linode", linode: { instancesPerRegion: 2 } }, { reason: "r", dryRun: true });
        assert.deepStrictEqual([result.exitCode, result.data.outcome, result.data.steps?.length], [EXIT.OK, "dry-run", 1]);
        assert.strictEqual(stack.section("linode").instancesPerRegion, 1);
        assert.strictEqual(stack.ups, 0);
    });
});
