import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { loadPlanFile } from "../../automation/recovery";
import { PROJECT_ROOT } from "../../topology";
import { evaluateField, workflowErrors } from "../workflows/githubActionsSchema";
import { loadPipelineFiles } from "../workflows/workflowFiles";

describe("the manual failover workflow runs a recovery plan", () => {
    const file = loadPipelineFiles(PROJECT_ROOT).find((f) => f.relativePath === ".github/workflows/failover.yml") ?? assert.fail("no failover.yml");
    const job = Object.values<any>(file.doc.jobs)[0];
    const flip = job.steps.find((s: any) => s.name === "Flip");

    it("is a valid workflow with an optional plan input and a practice switch", async () => {
        assert.deepStrictEqual(await workflowErrors(file.relativePath, file.content), []);
        const { plan, practice } = file.doc.on.workflow_dispatch.inputs;
        assert.deepStrictEqual([plan.type, plan.required, plan.default], ["string", false, ""]);
        assert.deepStrictEqual([practice.type, practice.default], ["boolean", false]);
        const example = /e\.g\. (\S+\.yaml)/.exec(plan.description)?.[1] ?? assert.fail("the input names an example plan");
        assert.strictEqual(loadPlanFile(path.join(PROJECT_ROOT, example)).plan.name, "site-failover-to-linode");
    });

    it("runs run-plan with the inputs as variables (never spliced), its report uploaded", () => {
        assert.strictEqual(job.env.PLAN, "${{ inputs.plan }}");
        assert.match(flip.run, /if \[ -n "\$PLAN" \]; then/);
        const command = /npm run --silent dr -- run-plan .*/.exec(flip.run)?.[0] ?? assert.fail("no run-plan command");
        assert.match(command, /run-plan "\$PLAN" --reason "\$REASON" "\$\{practice\[@\]\}" --report-dir (\S+) --json/);
        assert.ok(!/\$\{\{/.test(flip.run), "no expression in the script");
        const reportDir = /--report-dir (\S+)/.exec(command)?.[1] ?? "";
        const upload = job.steps.find((s: any) => String(s.uses).startsWith("actions/upload-artifact@"));
        assert.strictEqual(upload.if, "always()");
        assert.ok(upload.with.path.split("\n").map((p: string) => p.trim().replace(/\/$/, "")).includes(reportDir));
        assert.strictEqual(job.env.MULTICLOUD_DR_APPROVER, "${{ github.triggering_actor }}");
    });

    it("every plan run is in the protected production environment, whatever the stack input", async () => {
        const environment = (stack: string, plan: string) => evaluateField(job.environment, { inputs: { stack, plan }, github: {}, vars: {}, env: {} });
        assert.strictEqual(await environment("staging", "examples/site-failover.yaml"), "production");
        assert.strictEqual(await environment("staging", ""), "staging");
        assert.strictEqual(await environment("prod", ""), "production");
    });

    it("the example plan stays next to the workflow that runs it", () => {
        assert.ok(fs.existsSync(path.join(PROJECT_ROOT, "examples", "site-failover.yaml")));
    });
});
