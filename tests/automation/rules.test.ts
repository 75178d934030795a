import * as assert from "assert";
import { checkCooldown, checkFailbackWindow, checkSafePreview, checkTargetHealth, cooldownRemainingSeconds, cooldownStart, flipState, samplesForWindow } from "../../automation/rules";
import { interruptedFlipState } from "../../automation/operations/interruptedFlip";
import { checkReason } from "../../automation/operations/reason";
import { estateOutputs } from "../../automation/stackState";
import { escapeControl } from "../../automation/terminalText";
import { LastFlip } from "../../automation/audit";
import { BadInputError } from "../../topology";
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
    describe("flip state (idempotent)", () => {
        it("is at target when config and the deployed state both say the target", () => {
            assert.strictEqual(flipState("linode", "linode", "linode"), "at-target");
        });
        it("converges when config says the target but the last update deployed something else", () => {
            assert.strictEqual(flipState("linode", "gcp", "linode"), "converge");
        });
        it("undoes when config is elsewhere after a failed update and the target is still deployed", () => {
            assert.strictEqual(flipState("linode", "gcp", "gcp"), "undo");
            assert.strictEqual(flipState("linode", undefined, "gcp"), "flip");
        });
        it("flips when config is elsewhere", () => {
            assert.strictEqual(flipState("gcp", "gcp", "linode"), "flip");
        });
    });

    describe("cooldown (anti-flap)", () => {
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

    describe("target-health", () => {
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

    describe("failback-window (sampled, not a single probe)", () => {
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
            assert.match(verdict.message, /unhealthy in 1 of the 11 sample\(s\) taken \(the 300s window needs 11\); last unhealthy at 2025-01-01T00:02:30.000Z/);
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

    describe("safe-preview", () => {
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

    describe("cooldown: a last flip in the future (clock skew or a hand edit)", () => {
        const future = Date.parse("2097-01-01T00:00:00Z");
        it("applies one cooldown from now and says it is a clock problem", () => {
            const verdict = checkCooldown(future, T0, 300, false);
            assert.strictEqual(verdict.ok, false);
            assert.match(verdict.message, /is \d+s in the future \(a clock problem or a hand edit of lastFlip\).*allowed in 300s \(cooldown 300s\)$/);
            assert.strictEqual(cooldownRemainingSeconds(future, T0, 300), 300);
        });
        it("is overridden by --force like any cooldown", () => {
            assert.strictEqual(checkCooldown(future, T0, 300, true).overridden, true);
        });
    });

    describe("cooldown start: only flips that changed config count", () => {
        const at = "2025-01-01T00:00:00.000Z";
        for (const outcome of ["succeeded", "up-failed", "pending"]) {
            it(`counts ${outcome}`, () => assert.strictEqual(cooldownStart({ outcome, at }), T0));
        }
        for (const outcome of ["refused", "aborted", "concurrent-update", "dry-run"]) {
            it(`ignores ${outcome}`, () => assert.strictEqual(cooldownStart({ outcome, at }), undefined));
        }
    });

    describe("interrupted flips", () => {
        const last = (fields: Partial<LastFlip>): LastFlip => ({ id: "1", action: "failover", key: "multicloud-dr:activeSite", from: "gcp", to: "linode", who: "bob", at: "2025-01-01T00:00:00Z", reason: "r", forced: false, outcome: "pending", ...fields });
        it("a pending flip whose target is deployed was interrupted after its update deployed it", () => {
            assert.strictEqual(interruptedFlipState(last({}), estateOutputs({ activeSite: "linode" })), "deployed");
            assert.strictEqual(interruptedFlipState(last({ key: "multicloud-dr:linodeActiveRegion", to: "us-central" }), estateOutputs({ activeSite: "gcp", linodeActiveRegion: "us-central" })), "deployed");
        });
        it("a pending flip whose target is not deployed is still pending", () => {
            assert.strictEqual(interruptedFlipState(last({}), estateOutputs({ activeSite: "gcp" })), "not-deployed");
            assert.strictEqual(interruptedFlipState(last({}), estateOutputs({})), "not-deployed");
        });
        it("a finished flip is not interrupted", () => {
            assert.strictEqual(interruptedFlipState(last({ outcome: "succeeded" }), estateOutputs({ activeSite: "linode" })), "none");
            assert.strictEqual(interruptedFlipState(undefined, estateOutputs({ activeSite: "linode" })), "none");
        });
    });

    describe("reasons and stored text", () => {
        it("accepts up to 500 characters of plain text, any script", () => {
            assert.doesNotThrow(() => checkReason("x".repeat(500), "failover"));
            assert.doesNotThrow(() => checkReason("panne gcp: übertragung 障害 INC-7 — see #ops", "failover"));
            assert.throws(() => checkReason("x".repeat(501), "failover"), BadInputError);
        });
        it("rejects every C0 and C1 control, DEL and the Unicode line separators", () => {
            for (const code of [0x00, 0x07, 0x09, 0x0a, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x9b, 0x9f, 0x2028, 0x2029]) {
                assert.throws(() => checkReason(`a${String.fromCharCode(code)}b`, "failover"), /control characters/, code.toString(16));
            }
        });
        it("escapes controls for a terminal and leaves other text alone", () => {
            assert.strictEqual(escapeControl("a\x1b[2J\r\n\t\x07\x7f\x9b\u2028 é"), "a\\x1b[2J\\r\\n\\t\\x07\\x7f\\x9b\\u2028 é");
        });
    });
});
