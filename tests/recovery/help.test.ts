import * as assert from "assert";
import { runCliInProcess } from "../support/cli";

describe("run-plan --help", () => {
    it("lists its exit codes 0-5, its flags and its environment", async () => {
        const { code, stdout } = await runCliInProcess(["run-plan", "--help"]);
        assert.strictEqual(code, 0);
        const codes = [...stdout.matchAll(/^ {2}(\d) {2}\S/gm)].map((m) => Number(m[1]));
        assert.deepStrictEqual(codes, [0, 1, 2, 3, 4, 5]);
        for (const flag of ["--reason", "--yes", "--approver", "--dry-run", "--practice", "--remote", "--from-step", "--report-dir", "--json"]) {
            assert.match(stdout, new RegExp(`^ {2}${flag}\\b`, "m"), flag);
        }
        assert.match(stdout, /MULTICLOUD_DR_REMOTE_GIT_URL/);
    });

    it("an invalid plan is one error line naming the path, exit 2", async () => {
        const { code, stderr } = await runCliInProcess(["run-plan", "/nonexistent/plan.yaml", "--reason", "x"]);
        assert.deepStrictEqual([code, stderr], [2, "error: recovery plan /nonexistent/plan.yaml: cannot be read (ENOENT)\n"]);
    });
});
