import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import * as os from "os";
import * as fs from "fs";
import { FakeClock } from "../../automation/clock";
import { DrContext, status } from "../../automation/operations";
import { certificateLine, certificateReader, CertificateReading, daysLeft, expiringCertificates, readCertificate } from "../../automation/probes";
import { FakeStack } from "../../automation/testing/fakeStack";
import { ConfigError, parseDrConfig } from "../../topology";
import { stackRawConfig } from "../support/stackConfig";
import { closedPort, HealthServer, selfSignedCertificate, startHealthServer } from "./localServers";

const HOST = "app.staging.example.com";
const LOOPBACK_ONLY = { allowRemote: false };
const DAY = 86_400_000;

/** notAfter as openssl prints it, parsed on its own: an expectation independent of the TLS handshake. */
function notAfter(certPem: string): Date {
    const text = execFileSync("openssl", ["x509", "-noout", "-enddate"], { input: certPem, encoding: "utf8" });
    return new Date(text.trim().replace(/^notAfter=/, ""));
}

describe("certificate days left (pure)", () => {
    it("counts whole days left, rounded down, negative once expired", () => {
        const now = Date.UTC(2026, 0, 1, 12);
        assert.deepStrictEqual([10 * DAY, 10 * DAY - 1, 1, 0, -1, -DAY].map((ms) => daysLeft(new Date(now + ms), now)), [10, 9, 0, 0, -1, -1]);
    });
    it("alerts below the warning days, never on an unreadable certificate", () => {
        const r = (endpoint: string, days?: number): CertificateReading => ({ endpoint, target: "-", servername: HOST, daysLeft: days, validTo: days === undefined ? undefined : "x", error: days === undefined ? "refused" : undefined });
        assert.deepStrictEqual(expiringCertificates([r("a", 20), r("b", 21), r("c", -3), r("d")], 21).map((c) => c.endpoint), ["a", "c"]);
        assert.strictEqual(certificateLine(r("gcp", 9)), "  certificate gcp: 9 day(s) left (valid to x)");
        assert.strictEqual(certificateLine(r("gcp")), "  certificate gcp: not read (refused)");
    });
});

describe("failover.certificateWarningDays", () => {
    const parse = (failover?: string) => {
        const raw = stackRawConfig("staging", {});
        return parseDrConfig((key) => (key === "failover" ? failover : raw(key)));
    };
    it("defaults to 21 days and takes a whole number of days from 1 to 365", () => {
        assert.strictEqual(parse(undefined).failover.certificateWarningDays, 21);
        assert.strictEqual(parse('{"certificateWarningDays":30}').failover.certificateWarningDays, 30);
    });
    it("rejects anything else with one line naming the key", () => {
        for (const [value, why] of [["0", /must be at least 1/], ["400", /must be at most 365/], ['"soon"', /must be an integer/]] as const) {
            assert.throws(
                () => parse(`{"certificateWarningDays":${value}}`),
                (err: unknown) => err instanceof ConfigError && err.key === "multicloud-dr:failover.certificateWarningDays" && why.test(err.message) && !err.message.includes("\n"),
            );
        }
    });
});

describe("certificates served by the site endpoints (real HTTPS servers on 127.0.0.1)", () => {
    let tenDays: { key: string; cert: string } | undefined;
    let fiveDays: { key: string; cert: string } | undefined;
    let servers: HealthServer[] = [];

    before(async function () {
        tenDays = selfSignedCertificate(HOST, 10);
        fiveDays = selfSignedCertificate(HOST, 5);
        if (!tenDays || !fiveDays) {
            this.skip(); // openssl is not installed
        }
        servers = await Promise.all([startHealthServer({ status: 200, body: "ok" }, tenDays), startHealthServer({ status: 200, body: "ok" }, fiveDays)]);
    });
    after(() => Promise.all(servers.map((s) => s.close())));

    const target = (server: HealthServer) => ({ endpoint: "gcp", host: "127.0.0.1", port: server.port, servername: HOST });

    it("reads the expiry from the TLS handshake (SNI = the app hostname), even for an untrusted certificate", async () => {
        const reading = await readCertificate(target(servers[0]), 2000, LOOPBACK_ONLY);
        const expected = notAfter(tenDays!.cert);
        assert.strictEqual(reading.validTo, expected.toISOString());
        // Generated just now for 10 days: a little under 10 days are left.
        assert.deepStrictEqual([reading.daysLeft, reading.servername, reading.error], [9, HOST, undefined]);
        assert.strictEqual(reading.daysLeft, Math.floor((expected.getTime() - Date.now()) / DAY));
    });

    it("sends nothing to a non-loopback address outside a real run, and reports an unreachable endpoint", async () => {
        const remote = await readCertificate({ ...target(servers[0]), host: "203.0.113.7" }, 2000, LOOPBACK_ONLY);
        assert.match(remote.error ?? "", /only loopback addresses/);
        const closed = await readCertificate({ ...target(servers[0]), port: await closedPort() }, 2000, LOOPBACK_ONLY);
        assert.match(closed.error ?? "", /ECONNREFUSED/);
        assert.strictEqual(closed.daysLeft, undefined);
    });

    it("status reports the days left per HTTPS endpoint, in text and in --json data", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-cert-status-"));
        try {
            const outputs = {
                appHostname: HOST,
                tableName: "dr-app-staging",
                healthEndpoints: { gcp: servers[0].url, "linode:us-east": servers[1].url, "linode:us-central": "http://127.0.0.1:9/health" },
                writeRegions: { gcp: "us-west-2", linode: "us-east-2" },
            };
            const ctx: DrContext = {
                stack: FakeStack.fromStackFile("staging", outputs),
                clock: new FakeClock(),
                probe: async () => [],
                certificates: certificateReader(LOOPBACK_ONLY),
                auditLog: path.join(dir, "audit.jsonl"),
                lockDir: dir,
                actor: { who: "alice", host: "laptop" },
                log: () => undefined,
            };
            const result = await status(ctx);
            const expected = [tenDays!, fiveDays!].map((c) => Math.floor((notAfter(c.cert).getTime() - Date.now()) / DAY));
            assert.deepStrictEqual(
                result.data.certificates.map((c) => [c.endpoint, c.servername, c.daysLeft]),
                [["gcp", HOST, expected[0]], ["linode:us-east", HOST, expected[1]]],
            );
            assert.ok(result.message.includes(`  certificate gcp: ${expected[0]} day(s) left (valid to ${notAfter(tenDays!.cert).toISOString()})`), result.message);
            assert.ok(result.message.includes(`  certificate linode:us-east: ${expected[1]} day(s) left`), result.message);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
