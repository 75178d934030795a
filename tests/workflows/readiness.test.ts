import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FakeClock } from "../../automation/clock";
import { fail, pass, readiness, ReadinessCheck, skipped } from "../../automation/readiness";
import { FakeStack } from "../../automation/testing/fakeStack";
import { knownStacks, PROJECT_ROOT } from "../../topology";
import { evaluateField, workflowErrors } from "./githubActionsSchema";
import { concurrencyViolations, isMutatingJob, stackLock } from "./pipelineRules";
import { loadPipelineFiles } from "./workflowFiles";

/** What GitHub runs a `shell: bash` step with (docs.github.com, workflow syntax, `jobs.<id>.steps[*].shell`: `bash --noprofile --norc -eo pipefail {0}`). */
function runStep(script: string, cwd: string, env: Record<string, string>): { code: number; stderr: string } {
    const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { cwd, env: { PATH: process.env.PATH ?? "", ...env }, encoding: "utf8" });
    return { code: result.status ?? -1, stderr: result.stderr };
}

describe("the scheduled readiness workflow (.github/workflows/readiness.yml)", () => {
    const file = loadPipelineFiles(PROJECT_ROOT).find((f) => f.relativePath === ".github/workflows/readiness.yml") ?? assert.fail("missing .github/workflows/readiness.yml");
    const workflow = file.doc;
    const [jobId, job] = Object.entries<any>(workflow.jobs)[0];
    const step = (pattern: RegExp) => job.steps.find((s: any) => pattern.test(String(s.run ?? s.uses ?? ""))) ?? assert.fail(`no step matching ${pattern}`);
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-ready-wf-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("passes GitHub's workflow schema", async () => {
        assert.deepStrictEqual(await workflowErrors(file.relativePath, file.content), []);
    });

    it("runs on a schedule (at least hourly) and on demand, for every stack of the repository, each stack on its own", () => {
        assert.strictEqual(workflow.on.schedule.length, 1);
        assert.match(workflow.on.schedule[0].cron, /^\d{1,2} \* \* \* \*$/, "hourly");
        assert.ok("workflow_dispatch" in workflow.on);
        assert.deepStrictEqual([...job.strategy.matrix.stack].sort(), knownStacks(PROJECT_ROOT));
        assert.strictEqual(job.strategy["fail-fast"], false);
    });

    it("reuses the composite actions: setup, OIDC cloud-auth (id-token: write) and the live switch of its matrix stack", () => {
        assert.strictEqual(step(/setup$/).uses, "./.github/actions/setup");
        assert.strictEqual(step(/cloud-auth$/).uses, "./.github/actions/cloud-auth");
        assert.strictEqual(step(/live-switch$/).with.stack, "${{ matrix.stack }}");
        assert.strictEqual(job.permissions["id-token"], "write");
    });

    it("changes no stack, never waits for production's reviewers, and never holds (or queues behind) a stack's flip lock", async () => {
        assert.strictEqual(isMutatingJob(job), false);
        assert.deepStrictEqual(await concurrencyViolations(workflow, knownStacks(PROJECT_ROOT)), []);
        for (const stack of knownStacks(PROJECT_ROOT)) {
            const context = { matrix: { stack }, inputs: {}, github: {}, vars: {}, env: {} };
            const environment = await evaluateField(job.environment, context);
            assert.notStrictEqual(environment, "production");
            assert.strictEqual(environment, `readiness-${stack}`);
            assert.notStrictEqual(await evaluateField(job.concurrency.group, context), stackLock(stack));
            assert.strictEqual(job.concurrency["cancel-in-progress"], false);
        }
    });

    it("runs readiness --json on its stack with the PagerDuty routing key from a secret, and a failing run fails the step (pipefail through tee)", () => {
        const readinessStep = step(/dr -- readiness/);
        assert.match(readinessStep.run, /npm run --silent dr -- readiness --stack "\$STACK" .*--json \| tee readiness\.json/);
        assert.strictEqual(job.env.STACK, "${{ matrix.stack }}");
        assert.match(readinessStep.env.MULTICLOUD_DR_PAGERDUTY_ROUTING_KEY, /^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
        assert.match(readinessStep.env.LINODE_TOKEN, /^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
        // The step's own script, with `npm` standing in for the tool: a not-ready verdict (exit 1) must fail the step.
        const bin = path.join(dir, "bin");
        fs.mkdirSync(bin);
        fs.writeFileSync(path.join(bin, "npm"), `#!/bin/sh\necho "$@" > args.txt\necho '{"ready": false}'\nexit 1\n`, { mode: 0o755 });
        const env = { PATH: `${bin}:${process.env.PATH}`, STACK: "prod", RESOLVER: "192.0.2.53:53" };
        assert.strictEqual(runStep(readinessStep.run, dir, env).code, 1);
        assert.strictEqual(fs.readFileSync(path.join(dir, "readiness.json"), "utf8"), '{"ready": false}\n');
        assert.strictEqual(fs.readFileSync(path.join(dir, "args.txt"), "utf8"), "run --silent dr -- readiness --stack prod --resolver 192.0.2.53:53 --json\n");
        assert.strictEqual(runStep(readinessStep.run, dir, { ...env, RESOLVER: "" }).code, 1);
        assert.strictEqual(fs.readFileSync(path.join(dir, "args.txt"), "utf8"), "run --silent dr -- readiness --stack prod --json\n", "no resolver variable: the runner's resolvers");
    });

    it("hands gcloud's access token, masked, to the readiness step only; without one the run goes on and standby-capacity says skipped", () => {
        const tokenStep = step(/gcloud auth print-access-token/);
        const readinessStep = step(/dr -- readiness/);
        assert.strictEqual(readinessStep.env.GOOGLE_OAUTH_ACCESS_TOKEN, `\${{ steps.${tokenStep.id}.outputs.token }}`);
        const order = (s: unknown) => job.steps.indexOf(s);
        assert.ok(order(step(/cloud-auth$/)) < order(tokenStep) && order(tokenStep) < order(readinessStep), "signed in first, read before readiness");
        assert.deepStrictEqual(job.steps.filter((s: any) => JSON.stringify(s).includes("GOOGLE_OAUTH_ACCESS_TOKEN")), [readinessStep], "no other step gets the token");
        const bin = path.join(dir, "bin");
        fs.mkdirSync(bin);
        const output = path.join(dir, "output.txt");
        const run = (gcloud: string) => {
            fs.writeFileSync(path.join(bin, "gcloud"), `#!/bin/sh\necho "$@" > gcloud-args.txt\n${gcloud}\n`, { mode: 0o755 });
            fs.writeFileSync(output, "");
            const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", tokenStep.run], { cwd: dir, env: { PATH: `${bin}:${process.env.PATH}`, GITHUB_OUTPUT: output }, encoding: "utf8" });
            return { code: result.status, stdout: result.stdout, output: fs.readFileSync(output, "utf8") };
        };
        const minted = run("echo ya29.minted-token");
        assert.deepStrictEqual(minted, { code: 0, stdout: "::add-mask::ya29.minted-token\n", output: "token=ya29.minted-token\n" });
        assert.strictEqual(fs.readFileSync(path.join(dir, "gcloud-args.txt"), "utf8"), "auth print-access-token\n");
        const failed = run("echo 'ERROR: (gcloud.auth.print-access-token) no credentialed accounts' >&2; exit 1");
        assert.deepStrictEqual(failed, { code: 0, stdout: "::warning::no GCP access token from gcloud: standby-capacity is skipped when the standby is GCP\n", output: "" });
        assert.strictEqual(run("true").output, "", "an empty answer is no token");
    });

    it("writes the verdict per check to $GITHUB_STEP_SUMMARY whatever the outcome (jq over the tool's real --json)", async function () {
        if (spawnSync("jq", ["--version"]).status !== 0) {
            this.skip();
        }
        const summaryStep = step(/GITHUB_STEP_SUMMARY/);
        assert.strictEqual(summaryStep.if, "always()");
        // The tool's JSON, as `report()` prints it, from a run whose checks pass, fail (with a `|` in the detail) and skip.
        const checks: ReadinessCheck[] = [
            { name: "drift", description: "", run: async () => pass("no drift") },
            { name: "app-dns", description: "", run: async () => fail("resolves to 192.0.2.1 | 192.0.2.2") },
            { name: "standby-capacity", description: "", run: async () => skipped("no token") },
        ];
        const result = await readiness({ stack: FakeStack.fromStackFile("prod", {}), clock: new FakeClock(), probe: async () => [], auditLog: "", lockDir: "", actor: { who: "t", host: "h" }, log: () => undefined }, {} as never, checks);
        fs.writeFileSync(path.join(dir, "readiness.json"), JSON.stringify({ exitCode: result.exitCode, message: result.message, ...result.data }, null, 2));
        const summary = path.join(dir, "summary.md");
        const run = runStep(summaryStep.run, dir, { STACK: "prod", GITHUB_STEP_SUMMARY: summary });
        assert.strictEqual(run.code, 0, run.stderr);
        assert.deepStrictEqual(fs.readFileSync(summary, "utf8").split("\n"), [
            "### Readiness of prod",
            "**NOT READY** for failover: 1 passed, 1 failed, 1 skipped (active site gcp, standby linode)",
            "",
            "| check | verdict | detail |",
            "| --- | --- | --- |",
            "| drift | pass | no drift |",
            "| app-dns | **FAIL** | resolves to 192.0.2.1 \\| 192.0.2.2 |",
            "| standby-capacity | skipped | skipped: no token |",
            "",
        ]);
        // No verdict at all (bad input, a crash): the summary says so.
        fs.writeFileSync(path.join(dir, "readiness.json"), "");
        fs.rmSync(summary);
        assert.strictEqual(runStep(summaryStep.run, dir, { STACK: "prod", GITHUB_STEP_SUMMARY: summary }).code, 0);
        assert.match(fs.readFileSync(summary, "utf8"), /^### Readiness of prod\n\*\*NOT READY\*\*: readiness ended without a verdict; see the job log\.\n$/);
        assert.strictEqual(jobId, "readiness");
    });
});
