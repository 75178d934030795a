import * as assert from "assert";
import { PROJECT_ROOT } from "../../topology";
import { actionErrors, workflowErrors } from "./githubActionsSchema";
import { loadPipelineFiles, PipelineFile } from "./workflowFiles";

const VALID_WORKFLOW = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo ok
`;

describe("GitHub Actions schema validator (@actions/workflow-parser)", () => {
    it("accepts a minimal valid workflow", async () => {
        assert.deepStrictEqual(await workflowErrors("valid.yml", VALID_WORKFLOW), []);
    });

    it("reports a key the schema does not know", async () => {
        const errors = await workflowErrors("bad.yml", VALID_WORKFLOW.replace("- run: echo ok", "- run: echo ok\n        timeout: 5"));
        assert.ok(errors.some((e) => e.includes("Unexpected value 'timeout'")), errors.join("\n"));
    });

    it("reports a broken expression", async () => {
        const errors = await workflowErrors("bad.yml", VALID_WORKFLOW.replace("echo ok", "echo ${{ inputs.stack == }}"));
        assert.ok(errors.length > 0);
    });

    it("reports an invalid cron schedule", async () => {
        const errors = await workflowErrors("bad.yml", VALID_WORKFLOW.replace("on: push", 'on:\n  schedule:\n    - cron: "0 25 * * 1"'));
        assert.ok(errors.some((e) => e.includes("cron")), errors.join("\n"));
    });

    it("reports a job that needs an unknown job", async () => {
        const second = "  deploy:\n    needs: missing\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n";
        const errors = await workflowErrors("bad.yml", VALID_WORKFLOW + second);
        assert.ok(errors.some((e) => e.includes("unknown job 'missing'")), errors.join("\n"));
    });

    it("reports a composite action step without a shell", async () => {
        const action = "name: a\ndescription: d\nruns:\n  using: composite\n  steps:\n    - run: echo ok\n";
        assert.deepStrictEqual(await actionErrors("action.yml", action.replace("echo ok", "echo ok\n      shell: bash")), []);
        const errors = await actionErrors("action.yml", action);
        assert.ok(errors.some((e) => e.includes("shell")), errors.join("\n"));
    });
});

describe("the repository's pipelines", () => {
    const files = loadPipelineFiles(PROJECT_ROOT);

    it("include the workflows the project needs: pull request, deploy, staging drill, failover", () => {
        const names = files.filter((f) => f.kind === "workflow").map((f) => f.relativePath);
        for (const expected of ["pull-request.yml", "deploy.yml", "drill.yml", "failover.yml"]) {
            assert.ok(names.includes(`.github/workflows/${expected}`), `missing .github/workflows/${expected} (have ${names.join(", ")})`);
        }
    });

    const check = (file: PipelineFile) => async () => {
        assert.deepStrictEqual(file.yamlErrors, [], `${file.relativePath} is not valid YAML`);
        const errors = file.kind === "workflow" ? await workflowErrors(file.relativePath, file.content) : await actionErrors(file.relativePath, file.content);
        assert.deepStrictEqual(errors, []);
    };
    for (const file of files) {
        it(`${file.relativePath} parses and passes the ${file.kind} schema`, check(file));
    }
});
