import * as assert from "assert";
import { checkCooldown, checkFailbackWindow, checkSafePreview, checkTargetHealth, cooldownRemainingSeconds, flipState, samplesForWindow } from "../../automation/rules";
import { ProbeResult } from "../../automation/probes/types";
import { PreviewStep } from "../../automation/stackAdapter";

const T0 = Date.parse("2025-01-01T00:00:00Z");

function probe(name: string, ok: boolean, detail = ok ? "HTTP 200" : "HTTP 500"): ProbeResult {
    return { name, kind: "http", target: "http://127.0.0.1/health", ok, status: ok ? "healthy" : "unhealthy", detail, ms: 1 };
}

function step(op: string, type: string, replaces: string[] = [], diffs: string[] = []): PreviewStep {
    return { op, type, urn: `urn:pulumi:staging::multicloud-dr::${type}::r`, replaces, diffs };
}

describe("safety rules (pure)", () => {
    describe("flip state (rule 4: idempotent)", () => {
        it("is at target when config and the deployed state both say the target", () => {
            assert.strictEqual(flipState("linode", "linode", "linode"), "at-target");
        });
        it("converges when config says the target but the last update deployed something else", () => {
            assert.strictEqual(flipState("linode", "gcp", "linode"), "converge");
        });
        it("flips when config is elsewhere", () => {
            assert.strictEqual(flipState("gcp", "gcp", "linode"), "flip");
        });
    });

    describe("cooldown (rule 3: anti-flap)", () => {
        it("blocks a flip inside the cooldown and says how long is left", () => {
            const verdict = checkCooldown(T0, T0 + 100_000, 300, false);
            assert.strictEqual(verdict.ok, false);
            assert.match(verdict.message, /allowed in 200s/);
        });
        it("allows a flip once the cooldown has passed", () => {
            assert.strictEqual(checkCooldown(T0, T0 + 300_000, 300, false).ok, true);
        });
        it("allows the first flip", () => {
            assert.strictEqual(checkCooldown(undefined, T0, 300, false).ok, true);
        });
        it("lets --force override it, and records that it did", () => {
            const verdict = checkCooldown(T0, T0 + 1000, 300, true);
            assert.deepStrictEqual([verdict.ok, verdict.overridden], [true, true]);
        });
        it("reports the seconds left for status", () => {
            assert.strictEqual(cooldownRemainingSeconds(T0, T0 + 60_000, 300), 240);
            assert.strictEqual(cooldownRemainingSeconds(T0, T0 + 400_000, 300), 0);
        });
    });

    describe("target health (rule 1)", () => {
        const required = ["endpoint:linode:us-east", "dynamodb:linode"];
        it("passes when every required probe is healthy", () => {
            assert.strictEqual(checkTargetHealth([probe(required[0], true), probe(required[1], true), probe("endpoint:gcp", false)], required, "linode", false).ok, true);
        });
        it("refuses when one required probe fails, naming it", () => {
            const verdict = checkTargetHealth([probe(required[0], true), probe(required[1], false, "canary item not found")], required, "linode", false);
            assert.strictEqual(verdict.ok, false);
            assert.match(verdict.message, /dynamodb:linode: canary item not found/);
        });
        it("treats a required probe that did not run as failed", () => {
            assert.strictEqual(checkTargetHealth([probe(required[0], true)], required, "linode", false).ok, false);
        });
        it("lets --force override an unhealthy target", () => {
            const verdict = checkTargetHealth([], required, "linode", true);
            assert.deepStrictEqual([verdict.ok, verdict.overridden], [true, true]);
        });
    });

    describe("failback window (rule 2: sampled, not a single probe)", () => {
        const samples = (count: number, everySeconds: number, healthy: (i: number) => boolean = () => true) =>
            Array.from({ length: count }, (_, i) => ({ at: T0 + i * everySeconds * 1000, healthy: healthy(i) }));
        it("passes when healthy samples cover the whole window", () => {
            const verdict = checkFailbackWindow(samples(11, 30), T0 + 300_000, 300, 30);
            assert.strictEqual(verdict.ok, true, verdict.message);
        });
        it("refuses a single healthy probe", () => {
            const verdict = checkFailbackWindow([{ at: T0, healthy: true }], T0, 300, 30);
            assert.strictEqual(verdict.ok, false);
            assert.match(verdict.message, /healthy for 0s of the required 300s/);
        });
        it("refuses when any sample in the window was unhealthy", () => {
            const verdict = checkFailbackWindow(samples(11, 30, (i) => i !== 5), T0 + 300_000, 300, 30);
            assert.strictEqual(verdict.ok, false);
            assert.match(verdict.message, /unhealthy in 1 of 11/);
        });
        it("refuses when the samples leave a gap in the window", () => {
            const gappy = [...samples(3, 30), { at: T0 + 300_000, healthy: true }];
            assert.match(checkFailbackWindow(gappy, T0 + 300_000, 300, 30).message, /gap/);
        });
        it("refuses when the latest sample is stale", () => {
            assert.match(checkFailbackWindow(samples(11, 30), T0 + 900_000, 300, 30).message, /too old/);
        });
        it("takes one sample at the start and one per interval up to the window's end", () => {
            assert.strictEqual(samplesForWindow(300, 30), 11);
            assert.strictEqual(samplesForWindow(0, 30), 1);
        });
    });

    describe("safe preview (rule 5)", () => {
        const record = "aws:route53/record:Record";
        it("accepts in-place updates of DNS records and parameters", () => {
            const verdict = checkSafePreview({
                changeSummary: { same: 30, update: 4 },
                steps: [step("same", "aws:dynamodb/table:Table"), step("update", record, [], ["records", "healthCheckId"]), step("update", "aws:ssm/parameter:Parameter", [], ["insecureValue"]), step("update", "linode:index/domainRecord:DomainRecord", [], ["target"]), step("update", "pulumi:pulumi:Stack")],
            });
            assert.strictEqual(verdict.ok, true, verdict.message);
        });
        for (const op of ["create", "delete", "replace", "create-replacement", "delete-replaced"]) {
            it(`refuses a ${op}`, () => {
                const verdict = checkSafePreview({ changeSummary: { same: 1, [op]: 1 }, steps: [step(op, record)] });
                assert.strictEqual(verdict.ok, false);
                assert.match(verdict.message, new RegExp(op));
            });
        }
        it("refuses an update of any other resource type", () => {
            assert.match(checkSafePreview({ changeSummary: { update: 1 }, steps: [step("update", "aws:route53/healthCheck:HealthCheck")] }).message, /healthCheck/);
        });
        it("refuses an update that replaces properties", () => {
            assert.strictEqual(checkSafePreview({ changeSummary: { update: 1 }, steps: [step("update", record, ["name"])] }).ok, false);
        });
        it("refuses a change summary with deletions even when no step was reported", () => {
            assert.strictEqual(checkSafePreview({ changeSummary: { delete: 2 }, steps: [] }).ok, false);
        });
    });
});
