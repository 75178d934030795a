import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../topology";
import { createStubPulumi, StubPulumi } from "../automation/stubPulumi";
import { runCliInProcess } from "../support/cli";

/** A stack file that does not parse: the runbook's exit 2 with one line naming the file and the problem, nothing changed. */
describe("a malformed stack file (CLI on the stub pulumi)", () => {
    const stackName = `badyaml-${process.pid}`;
    const file = path.join(PROJECT_ROOT, `Pulumi.${stackName}.yaml`);
    let stub: StubPulumi;
    let stateDir: string;

    before(() => {
        stub = createStubPulumi({ staging: { outputs: { appHostname: "app.staging.example.com" } } });
        stub.copyStack("staging", stackName);
        stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-badyaml-"));
    });
    after(() => {
        stub.remove();
        fs.rmSync(file, { force: true });
        fs.rmSync(stateDir, { recursive: true, force: true });
    });

    const cases: Array<[string, string, RegExp]> = [
        ["does not parse", "config:\n  multicloud-dr:activeSite: gcp\n  multicloud-dr:dns: [a, b\n  multicloud-dr:homeSite: gcp\n", /end with a \] at line 4/],
        ["has a duplicate key", "config:\n  multicloud-dr:activeSite: gcp\n  multicloud-dr:activeSite: linode\n", /keys must be unique at line 3/i],
    ];
    for (const [what, text, problem] of cases) {
        for (const command of [["status"], ["failover", "--to", "linode", "--reason", "test", "--yes"]]) {
            it(`${what}: ${command[0]} exits 2 with one line naming the file, and runs no pulumi config command`, async () => {
                fs.writeFileSync(file, text);
                stub.clearCalls();
                const result = await runCliInProcess([...command, "--stack", stackName], { MULTICLOUD_DR_PULUMI_ROOT: stub.root, MULTICLOUD_DR_STATE_DIR: stateDir });
                assert.strictEqual(result.code, 2, result.stderr);
                const lines = result.stderr.trim().split("\n");
                assert.strictEqual(lines.length, 1, result.stderr);
                assert.match(lines[0], new RegExp(`^error: Pulumi\\.${stackName}\\.yaml is not valid YAML: `));
                assert.match(lines[0], problem);
                assert.deepStrictEqual(stub.calls().filter((c) => c[0] !== "version" && c[0] !== "stack"), []);
                assert.strictEqual(result.stdout, "");
            });
        }
    }
});
