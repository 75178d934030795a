import * as assert from "assert";
import { runCliInProcess } from "../support/cli";

const cli = (argv: string[]) => runCliInProcess(argv);

describe("failover CLI: help and bad input (in-process)", () => {
    for (const command of ["status", "failover", "failback", "linode-region"]) {
        it(`${command} --help documents the exit codes and the common flags`, async () => {
            const { code, stdout } = await cli([command, "--help"]);
            assert.strictEqual(code, 0);
            for (const text of ["--stack", "--json", "Exit codes:", ...(command === "status" ? [] : ["3  concurrent update", "4  refused", "5  `pulumi up` failed"])]) {
                assert.ok(stdout.includes(text), `${command} --help lacks ${text}`);
            }
            if (command !== "status") {
                for (const flag of ["--dry-run", "--yes", "--force", "--reason"]) {
                    assert.ok(stdout.includes(flag), `${command} --help lacks ${flag}`);
                }
            }
        });
    }

    const badInput: Array<[string, string[], RegExp]> = [
        ["an unknown site", ["failover", "--stack", "staging", "--to", "aws", "--reason", "x"], /argument 'aws' is invalid/],
        ["a missing reason", ["failover", "--stack", "staging", "--to", "linode", "--yes"], /failover needs --reason/],
        ["a missing --to", ["linode-region", "--stack", "staging", "--reason", "x"], /required option '--to <region>'/],
        ["a malformed region", ["linode-region", "--stack", "staging", "--to", "Mars!", "--reason", "x"], /unknown Linode region "Mars!"/],
        ["a missing --stack", ["status"], /--stack is required/],
    ];
    for (const [what, argv, message] of badInput) {
        it(`rejects ${what} with one line and exit 2`, async () => {
            const saved = process.env.MULTICLOUD_DR_STACK;
            delete process.env.MULTICLOUD_DR_STACK;
            try {
                const { code, stderr } = await cli(argv);
                assert.strictEqual(code, 2);
                assert.match(stderr, message);
                assert.strictEqual(stderr.trim().split("\n").length, 1, stderr);
            } finally {
                if (saved !== undefined) {
                    process.env.MULTICLOUD_DR_STACK = saved;
                }
            }
        });
    }
});
