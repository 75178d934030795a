import * as assert from "assert";
import { parseDrConfig, rawConfigOf, readStackConfig } from "../../topology";
import { dynamoProbe, httpProbe, isLoopbackHost, planProbes, Probe, ProbeResult, runProbes, canaryKey, parseConnectTo } from "../../automation/probes";
import { estateOutputs } from "../../automation/stackState";
import { closedPort, createTable, HealthServer, LocalDynamo, selfSignedCertificate, startDynalite, startHealthServer } from "./localServers";

const HOST = "app.staging.example.com";
const LOOPBACK_ONLY = { allowRemote: false };
const never = new AbortController().signal;

describe("health probes (real servers on 127.0.0.1)", () => {
    let healthy: HealthServer;
    let failing: HealthServer;
    let wrongBody: HealthServer;
    let slow: HealthServer;
    let refusedPort: number;

    before(async () => {
        [healthy, failing, wrongBody, slow] = await Promise.all([
            startHealthServer({ status: 200, body: "ok" }),
            startHealthServer({ status: 500, body: "ok" }),
            startHealthServer({ status: 200, body: "starting" }),
            startHealthServer({ status: 200, body: "ok", delayMs: 5000 }),
        ]);
        refusedPort = await closedPort();
    });

    after(() => Promise.all([healthy, failing, wrongBody, slow].map((s) => s.close())));

    const http = (url: string, extra: Partial<Parameters<typeof httpProbe>[0]> = {}) =>
        httpProbe({ name: "endpoint:gcp", url, hostname: HOST, expectedBody: "ok", timeoutMs: 300, scope: LOOPBACK_ONLY, ...extra }).run(never);

    describe("HTTP GET /health", () => {
        it("is healthy on 200 with the expected body, and sends the app hostname as Host", async () => {
            const result = await http(healthy.url);
            assert.deepStrictEqual([result.status, result.ok, result.detail], ["healthy", true, "HTTP 200"]);
            assert.strictEqual(healthy.seen[healthy.seen.length - 1].host, HOST);
        });
        it("is unhealthy on HTTP 500", async () => {
            assert.deepStrictEqual(pick(await http(failing.url)), ["unhealthy", false, "HTTP 500"]);
        });
        it("is unhealthy when the body lacks the expected text", async () => {
            const result = await http(wrongBody.url);
            assert.strictEqual(result.status, "unhealthy");
            assert.match(result.detail, /does not contain "ok"/);
        });
        it("times out when the server is slower than the timeout", async () => {
            assert.deepStrictEqual(pick(await http(slow.url)), ["timeout", false, "no answer within 300 ms"]);
        });
        it("reports a refused connection", async () => {
            assert.deepStrictEqual(pick(await http(`http://127.0.0.1:${refusedPort}/health`)), ["error", false, "connection refused"]);
        });
        it("refuses, without sending anything, a documentation address or a real hostname outside a real run", async () => {
            for (const url of ["https://203.0.113.7:443/health", `https://${HOST}/health`]) {
                const result = await http(url);
                assert.deepStrictEqual([result.status, result.ms], ["refused", 0]);
                assert.match(result.detail, /only loopback addresses/);
            }
        });
        it("knows loopback addresses", () => {
            assert.deepStrictEqual(["127.0.0.1", "127.9.9.9", "localhost", "[::1]", "192.0.2.1", "10.0.0.1", HOST].map(isLoopbackHost), [true, true, true, true, false, false, false]);
        });
    });

    describe("HTTPS with the app hostname as SNI", () => {
        let tlsServer: HealthServer | undefined;
        let cert: { key: string; cert: string } | undefined;
        before(async function () {
            cert = selfSignedCertificate(HOST);
            if (!cert) {
                this.skip(); // openssl is not installed
            }
            tlsServer = await startHealthServer({ status: 200, body: "ok" }, cert);
        });
        after(() => tlsServer?.close());

        it("verifies the certificate against the app hostname when probing an address", async () => {
            const result = await http(tlsServer!.url, { ca: cert!.cert });
            assert.strictEqual(result.status, "healthy", result.detail);
            assert.deepStrictEqual(tlsServer!.seen[tlsServer!.seen.length - 1], { host: HOST, servername: HOST });
        });
        it("fails on a certificate it cannot trust", async () => {
            const result = await http(tlsServer!.url);
            assert.strictEqual(result.status, "error");
            assert.match(result.detail, /self-signed|SELF_SIGNED/i);
        });
        it("fails when the certificate is not for the name it expects", async () => {
            const result = await http(tlsServer!.url, { ca: cert!.cert, hostname: "other.example.com" });
            assert.strictEqual(result.status, "error");
            assert.match(result.detail, /altnames|ERR_TLS_CERT_ALTNAME_INVALID/);
        });
    });

    describe("DynamoDB (dynalite)", () => {
        let dynamo: LocalDynamo;
        const key = { pk: { S: "dr-canary" }, sk: { S: "dr-canary" } };
        before(async () => {
            dynamo = await startDynalite();
            await createTable(dynamo, "dr-app-staging", { pk: "dr-canary", sk: "dr-canary" });
            await createTable(dynamo, "dr-app-empty");
        });
        after(() => dynamo.close());

        const dynamoResult = (extra: Partial<Parameters<typeof dynamoProbe>[0]> = {}) =>
            dynamoProbe({ name: "dynamodb:linode", region: "us-east-2", tableName: "dr-app-staging", key, endpoint: dynamo.endpoint, timeoutMs: 2000, scope: LOOPBACK_ONLY, ...extra }).run(never);

        it("is healthy when the table is ACTIVE and the canary item reads", async () => {
            const result = await dynamoResult();
            assert.strictEqual(result.status, "healthy", result.detail);
            assert.match(result.target, /dr-app-staging in us-east-2 via http:\/\/127\.0\.0\.1:/);
        });
        it("is unhealthy when the canary item is missing", async () => {
            const result = await dynamoResult({ tableName: "dr-app-empty" });
            assert.strictEqual(result.status, "unhealthy");
            assert.match(result.detail, /canary item \{"pk":"dr-canary","sk":"dr-canary"\} not found/);
        });
        it("is unhealthy when the table does not exist", async () => {
            assert.deepStrictEqual(pick(await dynamoResult({ tableName: "no-such-table" })), ["unhealthy", false, "table no-such-table not found in us-east-2"]);
        });
        it("reports a refused connection", async () => {
            const result = await dynamoResult({ endpoint: `http://127.0.0.1:${await closedPort()}` });
            assert.strictEqual(result.status, "error");
        });
        it("refuses the real AWS endpoint and non-loopback endpoints outside a real run", async () => {
            assert.strictEqual((await dynamoResult({ endpoint: undefined })).status, "refused");
            assert.strictEqual((await dynamoResult({ endpoint: "http://192.0.2.10:8000" })).status, "refused");
        });

        it("builds the canary key from config with the table's attribute types", () => {
            const cfg = parseDrConfig(rawConfigOf(readStackConfig("staging").values));
            assert.deepStrictEqual(canaryKey(cfg), key);
        });

        it("plans every probe of the estate from the stack outputs and runs them in parallel", async () => {
            const cfg = parseDrConfig(rawConfigOf(readStackConfig("staging").values));
            const outputs = estateOutputs({
                appHostname: HOST,
                tableName: "dr-app-staging",
                healthEndpoints: { gcp: healthy.url, "linode:us-east": failing.url },
                writeRegions: { gcp: "us-west-2", linode: "us-east-2" },
            });
            const probes = planProbes({ cfg, outputs }, { scope: LOOPBACK_ONLY, dynamodbEndpoint: dynamo.endpoint, connectTo: { [`${HOST}:443`]: `127.0.0.1:${healthy.port}` } });
            const results = await runProbes(probes, 5000);
            const byName = Object.fromEntries(results.map((r) => [r.name, r.status]));
            assert.deepStrictEqual(byName, {
                "endpoint:gcp": "healthy",
                "endpoint:linode:us-east": "unhealthy",
                "endpoint:linode:us-central": "error",
                "dynamodb:gcp": "healthy",
                "dynamodb:linode": "healthy",
                // https to a plain-HTTP server: the TLS handshake fails
                "app-hostname": "error",
            });
            assert.match(results.find((r) => r.name === "endpoint:linode:us-central")!.detail, /no health endpoint for linode:us-central/);
        });
    });

    describe("one overall deadline", () => {
        it("reports every probe still running at the deadline as a timeout, even one that ignores the signal", async () => {
            const stubborn: Probe = { name: "stubborn", kind: "http", target: "-", run: () => new Promise<ProbeResult>(() => undefined) };
            const results = await runProbes([httpProbe({ name: "slow", url: slow.url, expectedBody: "ok", timeoutMs: 10_000, scope: LOOPBACK_ONLY }), stubborn, httpProbe({ name: "fast", url: healthy.url, expectedBody: "ok", timeoutMs: 10_000, scope: LOOPBACK_ONLY })], 300);
            assert.deepStrictEqual(results.map((r) => [r.name, r.status]), [["slow", "timeout"], ["stubborn", "timeout"], ["fast", "healthy"]]);
        });
    });

    it("parses --connect-to pairs and rejects malformed ones", () => {
        assert.deepStrictEqual(parseConnectTo(`${HOST}:443=127.0.0.1:8443`), { [`${HOST}:443`]: "127.0.0.1:8443" });
        assert.throws(() => parseConnectTo("app:443"), /host:port=address:port/);
    });
});

function pick(result: ProbeResult): [string, boolean, string] {
    return [result.status, result.ok, result.detail];
}
