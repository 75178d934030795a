import * as assert from "assert";
import { decideApproval } from "../../automation/recovery/approval";
import { runBounded } from "../../automation/recovery/boundedRun";
import { combineBlastRadius } from "../../automation/recovery/blastRadius";
import { ExecutionRecord, resumePoint } from "../../automation/recovery/executionRecord";
import { parsePlan } from "../../automation/recovery/planFile";
import { practicePlan } from "../../automation/recovery/practice";
import { stackProgress } from "../../automation/recovery/progress";
import { BadInputError } from "../../topology";
import { capacityRaises, gkeBoundsProblem, scaleProblems } from "../../topology/scaleSafety";

const change = (op: string, type: string, paths: string[] = [], replaces: string[] = []) => ({ op, type, name: "r", paths, replaces });

describe("capacity raise safety (topology/scaleSafety.ts)", () => {
    it("allows new Linode instances, their passwords and NodeBalancer nodes, and in-place node pool updates", () => {
        for (const ok of [
            change("create", "linode:index/instance:Instance"),
            change("create", "random:index/randomPassword:RandomPassword"),
            change("create", "linode:index/nodeBalancerNode:NodeBalancerNode"),
            change("update", "gcp:container/nodePool:NodePool", ["autoscaling.minNodeCount"]),
            change("same", "aws:dynamodb/table:Table"),
            change("update", "pulumi:pulumi:Stack", ["outputs"]),
        ]) {
            assert.deepStrictEqual(scaleProblems(ok), [], `${ok.op} ${ok.type}`);
        }
    });

    it("refuses deletes, replacements, other creates and other properties", () => {
        assert.match(scaleProblems(change("delete", "linode:index/instance:Instance"))[0], /^delete .*never deletes or replaces/);
        assert.match(scaleProblems(change("replace", "gcp:container/nodePool:NodePool"))[0], /^replace /);
        assert.match(scaleProblems(change("update", "gcp:container/nodePool:NodePool", ["initialNodeCount"], ["initialNodeCount"]))[0], /replaces it \(initialNodeCount\)/);
        assert.match(scaleProblems(change("create", "linode:index/nodeBalancer:NodeBalancer"))[0], /only creates instances/);
        assert.match(scaleProblems(change("update", "gcp:container/nodePool:NodePool", ["nodeConfig.machineType"]))[0], /changes nodeConfig\.machineType/);
        assert.match(scaleProblems(change("update", "aws:route53/record:Record", ["records"]))[0], /never changes a aws:route53/);
    });

    it("only raises: a count at or above the one asked for is left alone", () => {
        assert.deepStrictEqual(capacityRaises({ wanted: { a: 3, b: 2, c: 5 }, current: { a: 1, b: 2, c: 7 } }), { a: 3 });
    });

    it("keeps GKE's node count within its autoscaling bounds", () => {
        assert.strictEqual(gkeBoundsProblem({ nodesPerZone: 2, minNodesPerZone: 2, maxNodesPerZone: 5 }), undefined);
        assert.match(gkeBoundsProblem({ nodesPerZone: 1, minNodesPerZone: 2, maxNodesPerZone: 5 }) ?? "", /outside the autoscaling bounds 2\.\.5/);
        assert.match(gkeBoundsProblem({ nodesPerZone: 6, minNodesPerZone: 6, maxNodesPerZone: 5 }) ?? "", /exceed gcp\.maxNodesPerZone 5/);
    });
});

describe("bounded parallel run", () => {
    it("never runs more than the bound, starts in order, and halts after a failure without starting more", async () => {
        let running = 0;
        let max = 0;
        const started: number[] = [];
        const run = await runBounded(
            Array.from({ length: 20 }, (_, i) => i),
            4,
            async (i) => {
                started.push(i);
                running++;
                max = Math.max(max, running);
                for (let k = 0; k < 1 + (i % 3); k++) {
                    await new Promise((r) => setImmediate(r));
                }
                running--;
                return i === 9 ? "failed" : "ok";
            },
            (r) => r === "failed",
        );
        assert.strictEqual(max, 4);
        assert.strictEqual(run.maxInFlight, 4);
        assert.deepStrictEqual(started, [...started].sort((a, b) => a - b));
        assert.ok(started.includes(9) && started.length < 20, `started ${started.length}`);
        assert.strictEqual(started.length, Math.max(...started) + 1);
        // Whatever had started finished; nothing after the failure started.
        assert.ok(run.results.slice(0, started.length).every((r) => r !== undefined));
        assert.ok(run.results.slice(started.length).every((r) => r === undefined));
    });
});

describe("plan approval", () => {
    const step = { kind: "approval" as const, name: "go" };
    const named = { ...step, approvers: ["alice", "bob"] };
    const base = { yes: false, operator: "carol", interactive: false, practice: false };
    it("--yes or an approver passes a step without named approvers; a terminal asks; else refused", () => {
        assert.deepStrictEqual(decideApproval(step, { ...base, yes: true }), { kind: "approved", by: "carol", how: "--yes" });
        assert.deepStrictEqual(decideApproval(step, { ...base, approver: "dave" }), { kind: "approved", by: "dave", how: "--approver" });
        assert.deepStrictEqual(decideApproval(step, { ...base, interactive: true }), { kind: "ask", who: "carol" });
        assert.match((decideApproval(step, base) as { message: string }).message, /needs approval: run it in a terminal .* --yes or --approver/);
    });
    it("a step naming approvers accepts only them; --yes is not a name", () => {
        assert.strictEqual(decideApproval(named, { ...base, approver: "bob" }).kind, "approved");
        assert.match((decideApproval(named, { ...base, approver: "mallory" }) as { message: string }).message, /mallory is not an approver of step "go" \(approvers: alice, bob\)/);
        assert.strictEqual(decideApproval(named, { ...base, yes: true }).kind, "refused");
        assert.strictEqual(decideApproval(named, { ...base, interactive: true }).kind, "refused");
        assert.deepStrictEqual(decideApproval(named, { ...base, interactive: true, operator: "alice" }), { kind: "ask", who: "alice" });
    });
    it("a practice run approves itself", () => {
        assert.strictEqual(decideApproval(named, { ...base, practice: true }).kind, "approved");
    });
});

describe("execution record: where a run starts", () => {
    const plan = parsePlan({
        version: 1,
        name: "p",
        stacks: [{ name: "a" }],
        steps: [
            { name: "one", kind: "approval" },
            { name: "two", kind: "switch-traffic", activeSite: "linode" },
            { name: "three", kind: "verify", site: "linode" },
        ],
    });
    const record = (status: ExecutionRecord["status"], statuses: string[], digest = "d1"): ExecutionRecord => ({
        plan: "p",
        file: "p.yaml",
        digest,
        practice: false,
        remote: false,
        reason: "r",
        who: "w",
        startedAt: "2025-01-01T00:00:00.000Z",
        updatedAt: "2025-01-01T00:01:00.000Z",
        status,
        steps: plan.steps.map((s, i) => ({ name: s.name, kind: s.kind, status: statuses[i] as "done", stacks: [] })),
    });
    it("no record, or a completed one: from the start", () => {
        assert.strictEqual(resumePoint(plan, "d1", undefined).start, 0);
        assert.strictEqual(resumePoint(plan, "d1", record("completed", ["done", "done", "done"])).start, 0);
    });
    it("an unfinished run of the same file resumes at its first step not done, keeping the ones before", () => {
        const point = resumePoint(plan, "d1", record("failed", ["done", "failed", "pending"]));
        assert.strictEqual(point.start, 1);
        assert.deepStrictEqual(
            point.kept.map((s) => [s.name, s.status]),
            [["one", "done"]],
        );
    });
    it("--from-step restarts that step; an unknown one is bad input", () => {
        assert.strictEqual(resumePoint(plan, "d1", record("failed", ["done", "done", "failed"]), "two").start, 1);
        assert.throws(() => resumePoint(plan, "d1", undefined, "four"), (e: Error) => e instanceof BadInputError && /use one of one, two, three/.test(e.message));
    });
    it("an unfinished run of a changed file needs --from-step", () => {
        assert.throws(() => resumePoint(plan, "d2", record("failed", ["done", "failed", "pending"])), /plan file changed since the run that stopped .* --from-step/);
        assert.strictEqual(resumePoint(plan, "d2", record("failed", ["done", "failed", "pending"]), "two").start, 1);
    });
});

describe("practice plan", () => {
    const plan = parsePlan({
        version: 1,
        name: "p",
        stacks: [{ name: "prod", practice: "staging" }, { name: "staging" }, { name: "app-b", practice: "app-b-staging" }],
        steps: [{ name: "t", kind: "switch-traffic", activeSite: "linode", stacks: ["prod", "app-b"] }],
    });
    it("maps each stack to its practice stack, merging duplicates", () => {
        const { plan: practice, mapping } = practicePlan(plan);
        assert.deepStrictEqual(mapping, { prod: "staging", staging: "staging", "app-b": "app-b-staging" });
        assert.deepStrictEqual(
            practice.stacks.map((s) => s.name),
            ["staging", "app-b-staging"],
        );
        assert.deepStrictEqual((practice.steps[0] as unknown as { stacks: string[] }).stacks, ["staging", "app-b-staging"]);
    });
    it("refuses a production stack without a practice stack", () => {
        const bad = { ...plan, stacks: [{ name: "prod" }] };
        assert.throws(() => practicePlan(bad), /stack "prod" is a production stack and names no practice stack/);
    });
});

describe("blast radius and progress lines", () => {
    it("counts every previewed change by op and type, ignoring unchanged steps and the stack", () => {
        const step = (op: string, type: string, name: string) => ({ op, type, urn: `urn:pulumi:s::p::${type}::${name}`, replaces: [], diffs: [] });
        const radius = combineBlastRadius([
            { step: "scale", stack: "a", steps: [step("create", "linode:index/instance:Instance", "i0"), step("same", "x", "y"), step("update", "pulumi:pulumi:Stack", "s")] },
            { step: "scale", stack: "b", steps: [step("create", "linode:index/instance:Instance", "i0")] },
            { step: "traffic", stack: "a", steps: [step("update", "aws:route53/record:Record", "app-primary")] },
            { step: "traffic", stack: "c", steps: [] },
        ]);
        assert.deepStrictEqual(radius.byOp, { create: 2, update: 1 });
        assert.deepStrictEqual(radius.byType, { "create linode:index/instance:Instance": 2, "update aws:route53/record:Record": 1 });
        assert.strictEqual(radius.stacks, 2);
    });

    it("prefixes every line with its stack and cuts streamed text into whole lines", () => {
        const lines: string[] = [];
        const a = stackProgress((l) => lines.push(l), "a");
        const b = stackProgress((l) => lines.push(l), "b");
        a.stream("Upda");
        b.stream("Previewing\nhal");
        a.stream("ting\n ~ record\x1b[31m");
        b.log("two\nlines");
        a.flush();
        b.flush();
        assert.deepStrictEqual(lines, ["[b] Previewing", "[a] Updating", "[b] two", "[b] lines", "[a]  ~ record\\x1b[31m", "[b] hal"]);
    });
});
