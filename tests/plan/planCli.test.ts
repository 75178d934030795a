import * as assert from "assert";
import { buildCli } from "../../cli/main";
import { CliRun, runCliChild } from "../support/cli";

/** The CLI as `npm run plan` / `npm run dr` run it: a child process. */
const cli = (...args: string[]) => runCliChild(args);

describe("plan: the command line", () => {
    // One per error class the CLI maps to exit 2 (StackFileError, CliError, ConfigError); the arguments, and
    // how the one line on stderr starts. The other bad inputs are covered in process (stackPlans.test.ts).
    const badInputs: [string[], string][] = [
        [["plan", "--stack", "qa"], 'error: unknown stack "qa": no Pulumi.qa.yaml (known: '],
        [["plan", "--set", "activeSite"], 'error: --set "activeSite" is not key=value'],
        [["plan", "--set", "healthCheck.intervalSeconds=15"], 'error: config "multicloud-dr:healthCheck.intervalSeconds" = 15: must be one of 10, 30'],
    ];
    const runs = new Map<string, CliRun>();
    let main: CliRun;
    before(async () => {
        // Child processes are slow to start: run them side by side, once.
        const results = await Promise.all([cli("plan"), ...badInputs.map(([args]) => cli(...args))]);
        main = results[0];
        badInputs.forEach(([args], i) => runs.set(args.join(" "), results[i + 1]));
    });

    it("prints the staging plan by default and exits 0 (the README's main command)", () => {
        assert.strictEqual(main.code, 0, main.stderr);
        assert.match(main.stdout, /^Plan for stack "staging"/);
        for (const section of ["\nResources: ", "\nDR summary\n", "\nOutputs\n", "\nPolicies: "]) {
            assert.ok(main.stdout.includes(section), section);
        }
        assert.strictEqual(main.stderr, "");
    });

    for (const [args, message] of badInputs) {
        it(`exits 2 with one line for: ${args.join(" ")}`, () => {
            const run = runs.get(args.join(" "))!;
            assert.strictEqual(run.code, 2);
            assert.strictEqual(run.stderr.split("\n").length, 2, `one line: ${run.stderr}`);
            assert.ok(run.stderr.startsWith(message), run.stderr);
            assert.strictEqual(run.stdout, "");
        });
    }

    it("documents the flags and exit codes in --help", () => {
        let help = "";
        const plan = buildCli().commands.find((c) => c.name() === "plan")!;
        plan.configureOutput({ writeOut: (text) => (help += text) });
        plan.outputHelp();
        for (const flag of ["--stack <name>", "--set <key=value>", "--to <site>", "--json", "--mermaid"]) {
            assert.ok(help.includes(flag), flag);
        }
        assert.match(help, /Exit codes:\n {2}0 .*\n {2}1 .*\n.*\n {2}2 +bad input/);
    });
});
