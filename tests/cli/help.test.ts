import * as assert from "assert";
import { runCliInProcess } from "../support/cli";

/** What each command can end with, from the runbook and each command's behaviour (not from the help texts). */
const EXPECTED: Record<string, { codes: number[]; options: string[] }> = {
    status: { codes: [0, 1, 2], options: ["--stack", "--json", "--dynamodb-endpoint", "--connect-to", "--ca-file", "--help"] },
    failover: { codes: [0, 1, 2, 3, 4, 5], options: [] },
    failback: { codes: [0, 1, 2, 3, 4, 5], options: [] },
    "linode-region": { codes: [0, 1, 2, 3, 4, 5], options: [] },
    "switch-data": { codes: [0, 1, 2, 3, 4, 5], options: [] },
    plan: { codes: [0, 1, 2], options: ["--stack", "--set", "--to", "--json", "--mermaid", "--help"] },
    drill: { codes: [0, 1, 2], options: [] },
    watch: { codes: [0, 1, 2], options: [] },
};
const STACK_FLIP = ["--stack", "--json", "--dynamodb-endpoint", "--connect-to", "--ca-file", "--audit-log", "--webhook", "--help"];
EXPECTED.failover.options = [...STACK_FLIP, "--reason", "--force", "--yes", "--dry-run", "--to"];
EXPECTED.failback.options = [...STACK_FLIP, "--reason", "--force", "--yes", "--dry-run"];
EXPECTED["linode-region"].options = EXPECTED.failover.options;
EXPECTED["switch-data"].options = EXPECTED.failover.options;
EXPECTED.drill.options = [...STACK_FLIP, "--allow-prod", "--hold", "--report-dir", "--dns-server", "--verify-timeout"];
EXPECTED.watch.options = [...STACK_FLIP, "--auto", "--max-rounds", "--interval", "--threshold", "--serve", "--lease"];

function section(help: string, title: string): string[] {
    const start = help.indexOf(`\n${title}\n`);
    assert.ok(start >= 0, `no "${title}" section`);
    const rest = help.slice(start + title.length + 2);
    return rest.slice(0, rest.search(/\n\n|$/)).split("\n");
}

describe("each command's --help lists only its own exit codes and options", () => {
    for (const [command, expected] of Object.entries(EXPECTED)) {
        it(command, async () => {
            const { code, stdout } = await runCliInProcess([command, "--help"]);
            assert.strictEqual(code, 0);
            const codes = section(stdout, "Exit codes:")
                .map((l) => /^ {2}(\d) {2}\S/.exec(l)?.[1])
                .filter((c): c is string => c !== undefined)
                .map(Number);
            assert.deepStrictEqual(codes, expected.codes);
            const options = section(stdout, "Options:")
                .map((l) => /^ {2}(?:-\w, )?(--[\w-]+)/.exec(l)?.[1])
                .filter((o): o is string => o !== undefined);
            assert.deepStrictEqual([...options].sort(), [...expected.options].sort());
        });
    }

    it("status still accepts --audit-log and --webhook (documented on every stack command) without listing them", async () => {
        const { code, stderr } = await runCliInProcess(["status", "--audit-log", "/dev/null", "--webhook", "http://127.0.0.1:9/x"], { MULTICLOUD_DR_STACK: "" });
        assert.deepStrictEqual([code, stderr], [2, "error: --stack is required (or set MULTICLOUD_DR_STACK)\n"]);
    });
});
