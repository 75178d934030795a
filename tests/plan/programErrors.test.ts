import * as assert from "assert";
import * as path from "path";
import { CliRun, runCliChild, runCliInProcess } from "../support/cli";

const program = (name: string) => ({ MULTICLOUD_DR_PROGRAM: path.join(__dirname, "fixtures", name) });

/** Exit 1 and exactly one line on stderr, nothing on stdout. */
function oneLineFailure(run: CliRun, line: string): void {
    assert.deepStrictEqual([run.code, run.stderr, run.stdout], [1, `${line}\n`, ""]);
}

describe("plan: a program that fails", () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    before(() => process.on("unhandledRejection", record));
    after(() => process.off("unhandledRejection", record));

    it("a component refusing its input: one line naming the component, the input and the reason, exit 1", async () => {
        const run = await runCliInProcess(["plan"], program("componentErrorProgram"));
        oneLineFailure(run, "error: the program failed: GlobalTable: replicaRegions must not include the home region us-east-1");
    });

    it("an Output failing in a resource's inputs: one line with the reason, exit 1, instead of a hang", async () => {
        const run = await runCliInProcess(["plan", "--to", "linode"], program("outputErrorProgram"));
        oneLineFailure(run, 'error: the program failed: error serializing property "name": no parameter name for this stack');
    });

    it("leaves nothing in flight: no rejection arrives after the failed runs, and the real program evaluates", async () => {
        unhandled.length = 0;
        const run = await runCliInProcess(["plan"]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        assert.strictEqual(run.code, 0, run.stderr);
        assert.deepStrictEqual(unhandled.map(String), []);
    });

    it("as a child process (npm run plan): the same one line, no runtime dump on exit", async () => {
        const run = await runCliChild(["plan"], { ...(process.env as Record<string, string>), ...program("componentErrorProgram") });
        oneLineFailure(run, "error: the program failed: GlobalTable: replicaRegions must not include the home region us-east-1");
    });
});
