import * as assert from "assert";
import * as YAML from "yaml";
import { knownStacks, PROJECT_ROOT } from "../../topology";
import {
    concurrencyViolations,
    environmentViolations,
    longLivedKeyViolations,
    oidcViolations,
    scriptInjectionViolations,
    stacksOfJob,
    undeclaredInputs,
    unpinnedActions,
} from "./pipelineRules";
import { loadPipelineFiles, PipelineFile } from "./workflowFiles";

const STACKS = ["staging", "prod"];

/** A failover workflow as ours is, to be broken one field at a time. */
const FAILOVER = `
on:
  workflow_dispatch:
    inputs:
      stack: { type: choice, options: [staging, prod], required: true }
      target: { type: choice, options: [gcp, linode], required: true }
concurrency:
  group: failover-\${{ inputs.stack }}
  cancel-in-progress: false
permissions:
  contents: read
jobs:
  flip:
    runs-on: ubuntu-latest
    environment: \${{ inputs.stack == 'prod' && 'production' || 'staging' }}
    permissions:
      id-token: write
    env:
      STACK: \${{ inputs.stack }}
    steps:
      - uses: ./.github/actions/cloud-auth
      - run: npm run dr -- failover --stack "$STACK" --to linode --yes
`;

function workflowFile(content: string): PipelineFile {
    return { kind: "workflow", relativePath: "w.yml", content, doc: YAML.parse(content), yamlErrors: [] };
}

describe("pipeline rules catch broken workflows", () => {
    it("a failover shaped like ours keeps every rule", async () => {
        const file = workflowFile(FAILOVER);
        assert.deepStrictEqual(await environmentViolations(file.doc, STACKS), []);
        assert.deepStrictEqual(await concurrencyViolations(file.doc, STACKS), []);
        assert.deepStrictEqual(oidcViolations(file.doc), []);
        assert.deepStrictEqual(scriptInjectionViolations(file), []);
        assert.deepStrictEqual(undeclaredInputs(file), []);
    });

    it("flags prod changed outside the protected environment", async () => {
        const doc = YAML.parse(FAILOVER.replace("'production'", "'prod-unprotected'"));
        assert.deepStrictEqual(await environmentViolations(doc, STACKS), ['job flip changes prod in environment "prod-unprotected", not "production"']);
    });

    it("flags a stack change with no environment at all", async () => {
        const doc = YAML.parse(FAILOVER.replace(/^ {4}environment:.*$/m, ""));
        assert.deepStrictEqual((await environmentViolations(doc, STACKS)).length, 2);
    });

    it("flags a failover outside the stack's concurrency group, or one that cancels a run in progress", async () => {
        const wrongGroup = YAML.parse(FAILOVER.replace("group: failover-${{ inputs.stack }}", "group: failover"));
        assert.strictEqual((await concurrencyViolations(wrongGroup, STACKS)).length, 2);
        const cancels = YAML.parse(FAILOVER.replace("cancel-in-progress: false", "cancel-in-progress: true"));
        assert.match((await concurrencyViolations(cancels, STACKS))[0], /cancel-in-progress must be false/);
        const none = YAML.parse(FAILOVER.replace(/^concurrency:\n.*\n.*\n/m, ""));
        assert.ok((await concurrencyViolations(none, STACKS)).length > 0);
    });

    it("flags OIDC authentication without id-token: write", () => {
        const doc = YAML.parse(FAILOVER.replace("      id-token: write", "      contents: read"));
        assert.deepStrictEqual(oidcViolations(doc), ["job flip authenticates by OIDC without permissions: id-token: write"]);
    });

    it("flags stored cloud keys", () => {
        const file = workflowFile(FAILOVER.replace("      STACK:", "      AWS_SECRET_ACCESS_KEY: ${{ secrets.KEY }}\n      STACK:"));
        assert.strictEqual(longLivedKeyViolations(file).length, 1);
    });

    it("flags user input spliced into a script, and undeclared inputs", () => {
        const file = workflowFile(FAILOVER.replace('--stack "$STACK"', "--stack ${{ inputs.stack }} --reason ${{ inputs.reason }}"));
        assert.strictEqual(scriptInjectionViolations(file).length, 1);
        assert.deepStrictEqual(undeclaredInputs(file), ["w.yml: inputs.reason is not declared"]);
    });

    it("flags actions not pinned to a version", () => {
        const file = workflowFile(FAILOVER.replace("./.github/actions/cloud-auth", "aws-actions/configure-aws-credentials@main"));
        assert.strictEqual(unpinnedActions(file).length, 1);
    });

    it("reads the stacks a job acts on from choices, a matrix, or literal names", () => {
        const doc = YAML.parse(FAILOVER);
        assert.deepStrictEqual(stacksOfJob(doc, doc.jobs.flip, STACKS), ["staging", "prod"]);
        assert.deepStrictEqual(stacksOfJob({}, { strategy: { matrix: { stack: ["prod"] } }, steps: [{ with: { "stack-name": "${{ matrix.stack }}" } }] }, STACKS), ["prod"]);
        assert.deepStrictEqual(stacksOfJob({}, { steps: [{ run: "npm run dr -- drill --stack staging" }] }, STACKS), ["staging"]);
    });
});

describe("the repository's pipelines keep the rules", () => {
    const files = loadPipelineFiles(PROJECT_ROOT);
    const workflows = files.filter((f) => f.kind === "workflow");
    const byName = (name: string) => {
        const file = workflows.find((f) => f.relativePath === `.github/workflows/${name}`);
        assert.ok(file, `missing .github/workflows/${name}`);
        return file.doc;
    };
    const stacks = knownStacks(PROJECT_ROOT);

    it("the stack files are the stacks the rules check (staging and prod)", () => {
        assert.deepStrictEqual(stacks, ["prod", "staging"]);
    });

    it("every job that changes prod runs in the protected production environment; other stack changes run in an environment", async () => {
        for (const file of workflows) {
            assert.deepStrictEqual(await environmentViolations(file.doc, stacks), [], file.relativePath);
        }
    });

    it("every stack change holds the stack's lock (failover-<stack>) without cancelling a run in progress", async () => {
        for (const file of workflows) {
            assert.deepStrictEqual(await concurrencyViolations(file.doc, stacks), [], file.relativePath);
        }
    });

    it("failover: dispatched with stack, target and reason; one run per stack (concurrency failover-<stack>)", () => {
        const failover = byName("failover.yml");
        const inputs = failover.on.workflow_dispatch.inputs;
        assert.deepStrictEqual(Object.keys(inputs).sort(), ["plan", "practice", "reason", "stack", "target"]);
        assert.deepStrictEqual([...inputs.stack.options].sort(), ["prod", "staging"]);
        assert.ok(inputs.target.options.includes("gcp") && inputs.target.options.includes("linode"));
        assert.strictEqual(inputs.reason.required, true);
        assert.deepStrictEqual(failover.concurrency, { group: "failover-${{ inputs.stack }}", "cancel-in-progress": false });
    });

    it("deploy: on push to main, staging is updated before prod, prod in the production environment", () => {
        const deploy = byName("deploy.yml");
        assert.deepStrictEqual(deploy.on.push.branches, ["main"]);
        const jobFor = (stack: string) =>
            Object.entries<any>(deploy.jobs).find(([, job]) => job.steps.some((s: any) => s.with?.command === "up" && s.with?.["stack-name"] === stack));
        const [stagingId] = jobFor("staging") ?? assert.fail("no job runs up on staging");
        const [, prodJob] = jobFor("prod") ?? assert.fail("no job runs up on prod");
        assert.ok([prodJob.needs].flat().includes(stagingId), "prod must need the staging job");
        assert.strictEqual(prodJob.environment.name ?? prodJob.environment, "production");
    });

    it("pull request: tests, plans both stacks offline, previews both with the policy pack and comments the result", () => {
        const pr = byName("pull-request.yml");
        assert.ok(pr.on.pull_request !== undefined);
        const steps = Object.values<any>(pr.jobs).flatMap((job) => job.steps.map((s: any) => ({ ...s, job })));
        const runs = steps.map((s) => String(s.run ?? "")).join("\n");
        assert.match(runs, /npm test/);
        for (const stack of ["staging", "prod"]) {
            assert.match(runs, new RegExp(`npm run (--silent )?plan -- --stack ${stack}`));
        }
        const preview = steps.find((s) => s.with?.command === "preview") ?? assert.fail("no pulumi preview step");
        assert.strictEqual(preview.with.policyPacks, "policy");
        assert.strictEqual(preview.with["comment-on-pr"], true);
        assert.deepStrictEqual([...preview.job.strategy.matrix.stack].sort(), ["prod", "staging"]);
        assert.strictEqual(preview.job.permissions["pull-requests"], "write");
    });

    it("pull request: the tests' artifacts (the status page screenshot) are uploaded whatever the outcome, from where the test step puts them", () => {
        const pr = byName("pull-request.yml");
        const job = Object.values<any>(pr.jobs).find((j) => j.steps.some((s: any) => /npm test/.test(s.run ?? ""))) ?? assert.fail("no npm test step");
        const testIndex = job.steps.findIndex((s: any) => /npm test/.test(s.run ?? ""));
        const dir = job.steps[testIndex].env?.MULTICLOUD_DR_ARTIFACTS ?? assert.fail("the test step sets MULTICLOUD_DR_ARTIFACTS");
        assert.doesNotMatch(dir, /^(\.\/)?[^$/]/, "outside the checkout (tests never write into the project)");
        const uploadIndex = job.steps.findIndex((s: any) => String(s.uses).startsWith("actions/upload-artifact@"));
        assert.ok(uploadIndex > testIndex, "an upload step after the tests");
        const upload = job.steps[uploadIndex];
        assert.strictEqual(upload.uses, "actions/upload-artifact@v4");
        assert.strictEqual(upload.if, "always()", "uploaded when the tests fail too");
        assert.strictEqual(upload.with.path.replace(/\/$/, ""), dir);
    });

    it("staging drill: weekly and on demand, staging only, the report uploaded whatever the outcome", () => {
        const drill = byName("drill.yml");
        assert.strictEqual(drill.on.schedule.length, 1);
        assert.match(drill.on.schedule[0].cron, /^\S+ \S+ \* \* [0-6]$/, "weekly: one weekday, any month/day");
        assert.ok("workflow_dispatch" in drill.on);
        const steps = Object.values<any>(drill.jobs).flatMap((job) => job.steps);
        const run = steps.find((s) => /dr -- drill/.test(s.run ?? "")) ?? assert.fail("no drill step");
        const dir = /--stack staging --report-dir (\S+)/.exec(run.run)?.[1] ?? assert.fail("drill must target staging with --report-dir");
        const upload = steps.find((s) => String(s.uses).startsWith("actions/upload-artifact@")) ?? assert.fail("no upload");
        assert.strictEqual(upload.if, "always()");
        assert.strictEqual(upload.with.path.replace(/\/$/, ""), dir);
    });

    for (const file of files) {
        it(`${file.relativePath}: OIDC only, pinned actions, no spliced input, declared inputs`, () => {
            assert.deepStrictEqual(file.kind === "workflow" ? oidcViolations(file.doc) : [], []);
            assert.deepStrictEqual(longLivedKeyViolations(file), []);
            assert.deepStrictEqual(unpinnedActions(file), []);
            assert.deepStrictEqual(scriptInjectionViolations(file), []);
            assert.deepStrictEqual(undeclaredInputs(file), []);
        });
    }
});
