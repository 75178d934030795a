import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FakeClock } from "../../automation/clock";
import { ConcurrentUpdateError, EXIT, PROJECT_ROOT, StackCommandError, StackNotFoundError } from "../../topology";
import { failover } from "../../automation/operations";
import { ProbeResult } from "../../automation/probes/types";
import { DrStack, openAutomationStack } from "../../automation/stackAdapter";
import { APP_PRIMARY, APP_SECONDARY, createStubPulumi, FLIP_TARGETS, NI, S, SSM, StubPulumi, target } from "./stubPulumi";
import { MemoryTable } from "../../automation/testing/memoryTable";


describe("Automation API adapter against a stub pulumi CLI", () => {
    let stub: StubPulumi;
    let stack: DrStack;

    before(async () => {
        stub = createStubPulumi({
            staging: { outputs: { appHostname: "app.staging.example.com", tableName: "dr-app-staging", apiToken: "tok-123" }, secretOutputs: ["apiToken"] },
        });
        stack = await openAutomationStack("staging", { pulumiRoot: stub.root });
    });
    after(() => stub.remove());
    beforeEach(() => stub.clearCalls());
    afterEach(() => delete process.env.STUB_PULUMI_FAIL);

    it("checks the CLI version and selects the stack in the project directory", async () => {
        const other = createStubPulumi({ staging: { outputs: {} } });
        try {
            await openAutomationStack("staging", { pulumiRoot: other.root });
            assert.deepStrictEqual(other.calls(), [["version"], ["stack", "select", ...S, NI]]);
            assert.strictEqual(other.lastCwd(), PROJECT_ROOT);
        } finally {
            other.remove();
        }
    });

    it("reads one config value with `config get --json`, and a missing key as undefined", async () => {
        assert.deepStrictEqual(await stack.getConfig("multicloud-dr:activeSite"), { value: "gcp", secret: false });
        assert.strictEqual(await stack.getConfig("multicloud-dr:lastFlip"), undefined);
        assert.deepStrictEqual(stub.calls(), [
            ["config", "get", "multicloud-dr:activeSite", "--json", ...S, NI],
            ["config", "get", "multicloud-dr:lastFlip", "--json", ...S, NI],
        ]);
    });

    it("sets and removes plaintext config", async () => {
        await stack.setConfig("multicloud-dr:lastFlip", '{"at":"2025-01-01T00:00:00Z"}');
        assert.strictEqual(stub.stack("staging").config["multicloud-dr:lastFlip"].value, '{"at":"2025-01-01T00:00:00Z"}');
        await stack.removeConfig("multicloud-dr:lastFlip");
        assert.strictEqual(stub.stack("staging").config["multicloud-dr:lastFlip"], undefined);
        assert.deepStrictEqual(stub.calls(), [
            ["config", "set", "multicloud-dr:lastFlip", ...S, "--plaintext", NI, "--", '{"at":"2025-01-01T00:00:00Z"}'],
            ["config", "rm", "multicloud-dr:lastFlip", ...S, NI],
        ]);
    });

    it("reads all config and never keeps a secret value", async () => {
        const all = await stack.getAllConfig();
        assert.strictEqual(all["multicloud-dr:linodeActiveRegion"].value, "us-east");
        assert.deepStrictEqual(JSON.parse(all["multicloud-dr:dns"].value).domain, "staging.example.com");
        assert.deepStrictEqual(all["multicloud-dr:nodeBalancerTlsKey"], { value: "", secret: true });
        assert.deepStrictEqual(stub.calls(), [["config", "--show-secrets", "--json", ...S, NI]]);
    });

    it("reads outputs and leaves secret outputs out", async () => {
        const outputs = await stack.outputs();
        assert.deepStrictEqual(outputs, { appHostname: "app.staging.example.com", tableName: "dr-app-staging", activeSite: "gcp", linodeActiveRegion: "us-east", dataSite: "gcp", epoch: 0 });
        assert.deepStrictEqual(stub.calls(), [
            ["stack", "output", "--json", ...S, NI],
            ["stack", "output", "--json", "--show-secrets", ...S, NI],
        ]);
    });

    it("previews through the engine's event stream: change summary and each step's op, type, URN and diffs", async () => {
        await stack.setConfig("multicloud-dr:linodeActiveRegion", "us-central");
        stub.clearCalls();
        const preview = await stack.preview();
        assert.deepStrictEqual(preview.changeSummary, { same: 21, update: 3 });
        assert.deepStrictEqual(
            preview.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.type, s.urn.split("::").pop(), s.diffs.join(",")]),
            [
                ["update", "aws:route53/record:Record", "app-primary", "records,healthCheckId"],
                ["update", "aws:route53/record:Record", "app-secondary", "records,healthCheckId"],
                ["update", "linode:index/domainRecord:DomainRecord", "linode-app", "target"],
            ],
        );
        const [call] = stub.calls();
        assert.deepStrictEqual(call.slice(0, 4), ["preview", "--exec-kind", "auto.local", "--event-log"]);
        assert.match(call[4], /^tcp:\/\/127\.0\.0\.1:\d+$/);
        assert.deepStrictEqual(call.slice(5), [...S, NI]);
        await stack.setConfig("multicloud-dr:linodeActiveRegion", "us-east");
    });

    it("reports replacements a preview would make", async () => {
        stub.update("staging", (s) => (s.extraPreviewSteps = [{ op: "replace", type: "aws:dynamodb/table:Table", name: "table", diffs: ["name"], keys: ["name"] }]));
        try {
            const replace = (await stack.preview()).steps.find((s) => s.op === "replace");
            assert.deepStrictEqual(replace && [replace.type, replace.replaces], ["aws:dynamodb/table:Table", ["name"]]);
        } finally {
            stub.update("staging", (s) => (s.extraPreviewSteps = []));
        }
    });

    it("runs up with the message, streams its output, then reads outputs and the update summary", async () => {
        const streamed: string[] = [];
        const result = await stack.up('failover: gcp -> linode\n{"reason":"drill"}', (text) => streamed.push(text));
        assert.strictEqual(result.result, "succeeded");
        assert.match(streamed.join(""), /Updating \(staging\)/);
        assert.deepStrictEqual(stub.calls(), [
            ["up", "--yes", "--skip-preview", "--message", 'failover: gcp -> linode\n{"reason":"drill"}', "--exec-kind", "auto.local", ...S, NI],
            ["stack", "output", "--json", ...S, NI],
            ["stack", "output", "--json", "--show-secrets", ...S, NI],
            ["stack", "history", "--json", "--show-secrets", "--page-size", "1", "--page", "1", ...S, NI],
        ]);
        assert.strictEqual(stub.stack("staging").history[0].message, 'failover: gcp -> linode\n{"reason":"drill"}');
    });

    it("maps `[409] Conflict: Another update is currently in progress.` to ConcurrentUpdateError", async () => {
        process.env.STUB_PULUMI_FAIL = "up=conflict";
        await assert.rejects(stack.up("x"), (err: Error) => err instanceof ConcurrentUpdateError && /\[409\] Conflict/.test((err as ConcurrentUpdateError).detail));
    });

    it("maps `the stack is currently locked by` to ConcurrentUpdateError", async () => {
        process.env.STUB_PULUMI_FAIL = "preview=locked";
        await assert.rejects(stack.preview(), (err: Error) => err instanceof ConcurrentUpdateError && /currently locked by 1 lock/.test((err as ConcurrentUpdateError).detail));
    });

    it("maps `no stack named 'x' found` to StackNotFoundError", async () => {
        await assert.rejects(openAutomationStack("prodd", { pulumiRoot: stub.root }), (err: Error) => err instanceof StackNotFoundError && err.message === `unknown stack "prodd": no stack named 'prodd' found`);
    });

    it("reports a failed update with the CLI's error line", async () => {
        process.env.STUB_PULUMI_FAIL = "up=failed";
        await assert.rejects(stack.up("x"), (err: Error) => err instanceof StackCommandError && err.message === "pulumi up failed: update failed");
    });

    it("reports a preview whose program throws with the exception, not only the CLI's lead-in", async () => {
        process.env.STUB_PULUMI_FAIL = "preview=throws";
        await assert.rejects(
            stack.preview(),
            (err: Error) =>
                err instanceof StackCommandError &&
                err.message === `pulumi preview failed: Running program '${PROJECT_ROOT}' failed with an unhandled exception: TypeError: Cannot read properties of undefined (reading 'domain')`,
        );
    });

    it("drives a whole failover through exactly these CLI calls", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-adapter-"));
        const healthy = async (): Promise<ProbeResult[]> =>
            ["endpoint:linode:us-east", "dynamodb:linode"].map((name) => ({ name, kind: "http", target: "-", ok: true, status: "healthy", detail: "ok", ms: 1 }));
        try {
            const result = await failover(
                { stack, clock: new FakeClock(), probe: healthy, auditLog: path.join(dir, "audit.jsonl"), lockDir: dir, actor: { who: "alice", host: "laptop" }, log: () => undefined, openTable: new MemoryTable().open },
                "linode",
                { reason: "drill", yes: true, force: false, dryRun: false },
            );
            assert.strictEqual(result.exitCode, EXIT.OK, result.message);
            const calls = stub.calls().map((c) => c.filter((a) => !a.startsWith("tcp://") && !a.startsWith("multicloud-dr failover") && !a.startsWith("{")));
            assert.deepStrictEqual(calls, [
                ["config", "--show-secrets", "--json", ...S, NI],
                ["stack", "output", "--json", ...S, NI],
                ["stack", "output", "--json", "--show-secrets", ...S, NI],
                ["stack", "export", "--show-secrets", ...S, NI],
                ["refresh", "--skip-preview", "--yes", ...FLIP_TARGETS, "--event-log", "--exec-kind", "auto.local", ...S, NI],
                ["stack", "history", "--json", "--show-secrets", "--page-size", "1", "--page", "1", ...S, NI],
                ["config", "set", "multicloud-dr:activeSite", ...S, "--plaintext", NI, "--", "linode"],
                ["config", "set", "multicloud-dr:dataEpoch", ...S, "--plaintext", NI, "--", "1"],
                ["config", "set", "multicloud-dr:lastFlip", ...S, "--plaintext", NI, "--"],
                ["preview", "--exec-kind", "auto.local", "--event-log", ...S, NI],
                ["up", "--yes", "--skip-preview", "--message", ...target(APP_PRIMARY, APP_SECONDARY, SSM), "--exec-kind", "auto.local", ...S, NI],
                ["stack", "output", "--json", ...S, NI],
                ["stack", "output", "--json", "--show-secrets", ...S, NI],
                ["stack", "history", "--json", "--show-secrets", "--page-size", "1", "--page", "1", ...S, NI],
                ["config", "set", "multicloud-dr:lastFlip", ...S, "--plaintext", NI, "--"],
            ]);
            assert.strictEqual(stub.stack("staging").deployed["multicloud-dr:activeSite"], "linode");
            assert.strictEqual(JSON.parse(stub.stack("staging").config["multicloud-dr:lastFlip"].value).outcome, "succeeded");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
