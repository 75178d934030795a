import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { parseServeAddress } from "../../automation/watch";
import { BadInputError } from "../../topology";
import { runCliInProcess } from "../support/cli";
import { createStubPulumi, StubPulumi } from "../automation/stubPulumi";

describe("watch --serve [host:]port", () => {
    it("parses a port, host:port and [ipv6]:port; the host defaults to 127.0.0.1", () => {
        assert.deepStrictEqual(parseServeAddress("9464"), { host: "127.0.0.1", port: 9464 });
        assert.deepStrictEqual(parseServeAddress("0.0.0.0:9464"), { host: "0.0.0.0", port: 9464 });
        assert.deepStrictEqual(parseServeAddress("localhost:0"), { host: "localhost", port: 0 });
        assert.deepStrictEqual(parseServeAddress("[::1]:9464"), { host: "::1", port: 9464 });
    });

    for (const bad of ["", "http://127.0.0.1:9464", "127.0.0.1:", "host:70000", "9464/metrics", "a b:1"]) {
        it(`refuses ${JSON.stringify(bad)} as bad input`, () => {
            assert.throws(() => parseServeAddress(bad), (err: unknown) => err instanceof BadInputError && /^--serve .* must be \[host:\]port/.test(err.message));
        });
    }

    describe("on the CLI (stub pulumi)", () => {
        let stub: StubPulumi;
        let taken: http.Server;
        before(async () => {
            stub = createStubPulumi({ staging: { outputs: { appHostname: "app.staging.example.com", tableName: "dr-app-staging" } } });
            taken = http.createServer();
            await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
        });
        after(async () => {
            stub.remove();
            await new Promise((resolve) => taken.close(resolve));
        });

        it("an address in use is bad input: one line, exit 2, no round run", async () => {
            const port = (taken.address() as AddressInfo).port;
            const run = await runCliInProcess(["watch", "--stack", "staging", "--serve", `127.0.0.1:${port}`, "--max-rounds", "1"], { MULTICLOUD_DR_PULUMI_ROOT: stub.root });
            assert.strictEqual(run.code, 2, run.stderr);
            const errors = run.stderr.split("\n").filter((l) => l.startsWith("error:"));
            assert.deepStrictEqual(errors, [`error: --serve 127.0.0.1:${port}: the address is already in use (another watch or exporter?); choose another port`]);
            assert.doesNotMatch(run.stderr, /^round /m);
        });

        it("--lease outside a real run without a DynamoDB endpoint override is bad input, before round 1", async () => {
            const run = await runCliInProcess(["watch", "--stack", "staging", "--lease", "--max-rounds", "1"], { MULTICLOUD_DR_PULUMI_ROOT: stub.root, MULTICLOUD_DR_DYNAMODB_ENDPOINT: "" });
            assert.strictEqual(run.code, 2, run.stderr);
            assert.match(run.stderr, /^error: --lease: outside a real run the lease needs a DynamoDB endpoint override/m);
            assert.doesNotMatch(run.stderr, /^round /m);
        });

        it("a malformed --serve is bad input before the stack is opened", async () => {
            stub.clearCalls();
            const run = await runCliInProcess(["watch", "--stack", "staging", "--serve", "nine"], { MULTICLOUD_DR_PULUMI_ROOT: stub.root });
            assert.strictEqual(run.code, 2);
            assert.match(run.stderr, /^error: --serve "nine" must be \[host:\]port/m);
            assert.deepStrictEqual(stub.calls(), []);
        });
    });
});
