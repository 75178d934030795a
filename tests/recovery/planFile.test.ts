import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { jsonPathOf, loadPlanFile, parsePlan, RecoveryPlan } from "../../automation/recovery";
import { BadInputError, EXIT, PROJECT_ROOT } from "../../topology";

const EXAMPLE = path.join(PROJECT_ROOT, "examples", "site-failover.yaml");

function minimal(): Record<string, any> {
    return {
        version: 1,
        name: "p",
        stacks: [{ name: "staging" }, { name: "app-2" }],
        steps: [
            { name: "scale", kind: "scale-standby", site: "linode", linode: { instancesPerRegion: 2 } },
            { name: "ok", kind: "approval" },
            { name: "data", kind: "switch-data", to: "linode" },
            { name: "traffic", kind: "switch-traffic", activeSite: "linode" },
            { name: "check", kind: "verify", site: "linode" },
        ],
    };
}

/** The one line a plan problem produces, and that it is bad input (exit 2). */
function problem(data: unknown): string {
    try {
        parsePlan(data, "plan.yaml");
    } catch (err) {
        assert.ok(err instanceof BadInputError, String(err));
        assert.strictEqual((err as BadInputError).exitCode, EXIT.BAD_INPUT);
        assert.ok(!(err as Error).message.includes("\n"), "one line");
        return (err as Error).message;
    }
    assert.fail("expected the plan to be refused");
}

describe("recovery plan file (schemas/recovery-plan.schema.json)", () => {
    it("the example plan for prod and staging validates against the schema", () => {
        const { plan, digest } = loadPlanFile(EXAMPLE);
        assert.deepStrictEqual(
            plan.stacks.map((s) => s.name),
            ["prod", "staging"],
        );
        assert.deepStrictEqual(
            plan.steps.map((s) => s.kind),
            ["scale-standby", "approval", "switch-data", "switch-traffic", "verify"],
        );
        assert.match(digest, /^[0-9a-f]{64}$/);
    });

    it("accepts every step kind", () => {
        const plan: RecoveryPlan = parsePlan(minimal());
        assert.strictEqual(plan.steps.length, 5);
    });

    const cases: Array<[string, (p: Record<string, any>) => void, RegExp]> = [
        ["an unknown step kind", (p) => (p.steps[0].kind = "reboot"), /plan\.yaml: steps\[0\]\.kind: must be one of scale-standby, switch-data, switch-traffic, approval, verify$/],
        ["a missing field", (p) => delete p.steps[2].to, /steps\[2\]: missing field "to"/],
        ["an unknown field of a step", (p) => (p.steps[3].to = "gcp"), /steps\[3\]: unknown field "to"/],
        ["both traffic switches", (p) => (p.steps[3].linodeActiveRegion = "us-central"), /steps\[3\]: give exactly one of activeSite or linodeActiveRegion/],
        ["a bad site", (p) => (p.steps[4].site = "aws"), /steps\[4\]\.site: must be one of gcp, linode/],
        ["a count of zero", (p) => (p.steps[0].linode.instancesPerRegion = 0), /steps\[0\]\.linode\.instancesPerRegion: must be >= 1/],
        ["a concurrency of zero", (p) => (p.concurrency = 0), /^recovery plan plan\.yaml: concurrency: must be >= 1$/],
        ["the wrong version", (p) => (p.version = 2), /version: must be 1/],
        ["a step over an unknown stack", (p) => (p.steps[3].stacks = ["prod"]), /steps\[3\]\.stacks: "prod" is not one of the plan's stacks \(staging, app-2\)/],
        ["two steps with one name", (p) => (p.steps[1].name = "scale"), /two steps are named "scale"/],
        ["a stack twice", (p) => p.stacks.push({ name: "staging" }), /stacks: "staging" is listed twice/],
        ["scaling the other site", (p) => (p.steps[0].gcp = { nodesPerZone: 2 }), /steps\[0\]: a scale-standby step scales only the site about to take traffic \(linode\)/],
        ["a secret env name that is not a name", (p) => (p.remote = { secretEnv: ["BAD-NAME"] }), /remote\.secretEnv\[0\]: must match pattern/],
    ];
    for (const [what, change, expected] of cases) {
        it(`refuses ${what} with one line naming the path`, () => {
            const data = minimal();
            change(data);
            assert.match(problem(data), expected);
        });
    }

    it("refuses a file that is not YAML, naming the file", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
        const file = path.join(dir, "bad.yaml");
        fs.writeFileSync(file, "version: 1\nsteps: [\n");
        assert.throws(() => loadPlanFile(file), (err: Error) => err instanceof BadInputError && err.message.startsWith(`recovery plan ${file}: not valid YAML`));
        assert.throws(() => loadPlanFile(path.join(dir, "missing.yaml")), /cannot be read \(ENOENT\)/);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("spells JSON pointers as paths", () => {
        assert.strictEqual(jsonPathOf("/steps/2/linode/instancesPerRegion"), "steps[2].linode.instancesPerRegion");
        assert.strictEqual(jsonPathOf(""), "(top level)");
    });
});
