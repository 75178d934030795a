import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { openAutomationStack } from "../../automation/stackAdapter";
import { EXIT, PROJECT_ROOT, StackFileError } from "../../topology";
import { createStubPulumi, StubPulumi } from "../automation/stubPulumi";

/**
 * A stack file that does not parse: the runbook's exit 2 with one line naming the file and the problem, and no
 * pulumi config command run. The file lives in a copy of the project's `Pulumi.yaml` in a temporary directory, so
 * the project's own stack list never changes while other test files run beside this one.
 */
describe("a malformed stack file (adapter on the stub pulumi)", () => {
    const stackName = "badyaml";
    let stub: StubPulumi;
    let project: string;

    before(() => {
        stub = createStubPulumi({ staging: { outputs: { appHostname: "app.staging.example.com" } } });
        stub.copyStack("staging", stackName);
        project = fs.mkdtempSync(path.join(os.tmpdir(), "dr-badyaml-"));
        fs.copyFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
    });
    after(() => {
        stub.remove();
        fs.rmSync(project, { recursive: true, force: true });
    });

    const cases: Array<[string, string, RegExp]> = [
        ["does not parse", "config:\n  multicloud-dr:activeSite: gcp\n  multicloud-dr:dns: [a, b\n  multicloud-dr:homeSite: gcp\n", /end with a \] at line 4/],
        ["has a duplicate key", "config:\n  multicloud-dr:activeSite: gcp\n  multicloud-dr:activeSite: linode\n", /keys must be unique at line 3/i],
    ];
    for (const [what, text, problem] of cases) {
        it(`${what}: bad input (exit 2) with one line naming the file, before any pulumi config command`, async () => {
            fs.writeFileSync(path.join(project, `Pulumi.${stackName}.yaml`), text);
            stub.clearCalls();
            await assert.rejects(openAutomationStack(stackName, { pulumiRoot: stub.root, workDir: project }), (err: Error) => {
                assert.ok(err instanceof StackFileError, String(err));
                assert.strictEqual(err.exitCode, EXIT.BAD_INPUT);
                assert.match(err.message, new RegExp(`^Pulumi\\.${stackName}\\.yaml is not valid YAML: `));
                assert.match(err.message, problem);
                assert.ok(!err.message.includes("\n"), err.message);
                return true;
            });
            assert.deepStrictEqual(stub.calls(), []);
        });
    }
});
