import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FakeClock } from "../../automation/clock";
import { dnsResolver } from "../../automation/drill/resolver";
import { refreshTargets } from "../../automation/flipTargets";
import { DrNotification } from "../../automation/notify";
import { DrContext } from "../../automation/operations";
import { certificateReader } from "../../automation/probes";
import { computeApi, linodeApi, nameServerResolver, readiness, READINESS_CHECKS, ReadinessCheck, ReadinessEnvironment, skipped } from "../../automation/readiness";
import { dynamoRegionalTable } from "../../automation/fence/regionalTable";
import { parseDynamodbEndpoints } from "../../automation/probes/dynamoEndpoints";
import { FakeStack } from "../../automation/testing/fakeStack";
import { ReplicatedDynamo, startReplicatedDynamo } from "../support/replicatedDynamo";
import { realProber } from "../../cli/context";
import { EXIT, flipTouches } from "../../topology";
import { APP_HOSTNAME, CERT_DAYS, GCP_BACKEND_SERVICE, GCP_GROUPS, GCP_PROJECT, LINODE_APP_RECORD, LINODE_ZONE, ReadinessEstate, startReadinessEstate } from "./estate";

const DAY_MS = 86_400_000;

describe("readiness checks on a loopback estate (FakeStack, real HTTPS endpoints, dns2, a fake Linode API)", function () {
    this.timeout(20_000);
    let estate: ReadinessEstate;
    let stack: FakeStack;
    let clock: FakeClock;
    let told: DrNotification[];
    let dir: string;
    let dynamo: ReplicatedDynamo;

    before(async () => {
        estate = await startReadinessEstate();
        // One dynalite per table region and the test replicator between them (a stand-in for global-table
        // replication), timed by the test's fake clock.
        dynamo = await startReplicatedDynamo({ regions: ["us-east-1", "us-west-2", "us-east-2"], tableName: "dr-app-staging", canary: { pk: "dr-canary", sk: "dr-canary" }, now: () => clock.now() });
        // The FakeStack's state comes from evaluating the real program (cached per config), which holds the event loop
        // for a while: done here, it cannot make the first case's concurrent probes and lookups time out.
        for (const [site, region] of [["gcp", "us-east"], ["linode", "us-east"], ["gcp", "us-central"]]) {
            const warm = FakeStack.fromStackFile("staging", {});
            warm.deployed["multicloud-dr:activeSite"] = site;
            warm.deployed["multicloud-dr:linodeActiveRegion"] = region;
            await warm.resources();
        }
    });
    after(async () => {
        await dynamo.close();
        await estate.close();
    });
    beforeEach(() => {
        estate.reset();
        dynamo.resume();
        dynamo.lagMs = 0;
        stack = FakeStack.fromStackFile("staging", estate.outputs());
        clock = new FakeClock(Date.now());
        told = [];
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-ready-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const ctx = (): DrContext => ({
        stack,
        clock,
        probe: realProber(estate.probeEnv),
        certificates: certificateReader(estate.probeEnv.scope),
        openTable: (tableName, timeoutMs) => dynamoRegionalTable({ tableName, endpoints: parseDynamodbEndpoints(dynamo.endpoints), scope: estate.probeEnv.scope, timeoutMs }),
        auditLog: path.join(dir, "audit.jsonl"),
        lockDir: dir,
        actor: { who: "ready-bot", host: "ci" },
        log: () => undefined,
        notify: async (n) => {
            told.push(n);
        },
    });
    const env = (options: { token?: string; baseUrl?: string; gcpToken?: string; gcpBaseUrl?: string } = { token: estate.linode.token, gcpToken: estate.compute.token }): ReadinessEnvironment => {
        const dns = { server: estate.dns.address, timeoutMs: 1000, scope: estate.probeEnv.scope };
        return {
            resolve: dnsResolver(dns),
            resolveNs: nameServerResolver(dns),
            capacity: {
                linode: linodeApi({ baseUrl: options.baseUrl ?? estate.linode.baseUrl, token: options.token, scope: estate.probeEnv.scope, timeoutMs: 1000 }),
                gcp: computeApi({ baseUrl: options.gcpBaseUrl ?? estate.compute.baseUrl, token: options.gcpToken, scope: estate.probeEnv.scope, timeoutMs: 1000 }),
            },
        };
    };
    const run = async (e = env(), checks?: readonly ReadinessCheck[]) => readiness(ctx(), e, checks);
    const check = (result: Awaited<ReturnType<typeof run>>, name: string) => result.data.checks.find((c) => c.name === name) ?? assert.fail(`no ${name} check`);

    it("the estate as deployed is ready: every check passes, in the list's order, and nothing is written", async () => {
        const result = await run();
        assert.strictEqual(result.exitCode, EXIT.OK, result.message);
        assert.deepStrictEqual(
            result.data.checks.map((c) => [c.name, c.verdict]),
            READINESS_CHECKS.map((c) => [c.name, "pass"]),
        );
        assert.deepStrictEqual(result.data.counts, { pass: 7, fail: 0, skipped: 0 });
        assert.match(result.message, /^stack staging: READY for failover \(7 passed, 0 failed, 0 skipped\); active site gcp, standby linode, Linode region us-east\n/);
        // The drift check refreshed every flip-touchable resource, in preview mode only; no config write, no update.
        const touchable = (await stack.resources()).filter((r) => flipTouches().has(r.type)).map((r) => r.urn);
        assert.ok(touchable.length >= 4);
        assert.deepStrictEqual(stack.refreshes, [{ targets: touchable, previewOnly: true }]);
        assert.deepStrictEqual(stack.calls.filter((c) => /^(setConfig|removeConfig|up|preview)/.test(c)), []);
        assert.deepStrictEqual(told.map((n) => [n.kind, n.severity, n.stack]), [["ready", "info", "staging"]]);
    });

    it("replication-lag: the canary's lag per region within the bound passes; paused replication fails naming the regions", async () => {
        dynamo.lagMs = 1500;
        const lagging = check(await run(), "replication-lag");
        assert.strictEqual(lagging.verdict, "pass", lagging.detail);
        // Staging publishes us-west-2 (gcp) as the write region; polled every 200 ms on the fake clock, so the lag
        // read is at most one poll above the 1.5 s injected.
        assert.match(lagging.detail, /^replication from us-west-2 \(canary, consistent reads every 0.2s, bound 10s\): us-east-1 1\.(5|6|7)\d*s, us-east-2 1\.(5|6|7)\d*s$/);
        dynamo.pause();
        const result = await run();
        assert.strictEqual(result.exitCode, EXIT.FAILED);
        const paused = check(result, "replication-lag");
        assert.deepStrictEqual([paused.verdict, paused.detail], ["fail", "us-east-1, us-east-2: over the 10s bound or unreadable from us-west-2"]);
        assert.deepStrictEqual(paused.evidence, ["us-east-1: not seen within 10s", "us-east-2: not seen within 10s"]);
    });

    it("replication-lag without DynamoDB access is skipped, never a pass", async () => {
        const result = await readiness({ ...ctx(), openTable: undefined }, env());
        assert.strictEqual(check(result, "replication-lag").verdict, "skipped");
    });

    it("drift: a hand edit of a flip's record fails the check with one line per property, and pages not-ready", async () => {
        const [primary] = refreshTargets(await stack.resources());
        stack.driftOnRefresh = [{ op: "update", urn: primary, type: "aws:route53/record:Record", replaces: [], diffs: ["records[0]", "ttl"] }];
        const result = await run();
        assert.strictEqual(result.exitCode, EXIT.FAILED);
        const drift = check(result, "drift");
        assert.strictEqual(drift.verdict, "fail");
        const name = primary.split("::").pop();
        assert.deepStrictEqual(drift.evidence, [`drift: aws:route53/record:Record "${name}" records was changed outside Pulumi`, `drift: aws:route53/record:Record "${name}" ttl was changed outside Pulumi`]);
        assert.match(result.failureLine ?? "", /^stack staging is NOT READY for failover: drift \(2 change\(s\) made outside Pulumi to what a flip touches\)$/);
        assert.deepStrictEqual(told.map((n) => [n.kind, n.severity, n.title]), [["not-ready", "critical", "NOT READY for failover: drift failed"]]);
        assert.deepStrictEqual(stack.refreshes.map((r) => r.previewOnly), [true]);
    });

    it("endpoints: an endpoint answering 503 through its agent fails the check by name", async () => {
        estate.usCentral.behaviour = { status: 503, body: "agent: canary unreadable" };
        const result = await run();
        const endpoints = check(result, "endpoints");
        assert.deepStrictEqual([endpoints.verdict, endpoints.detail], ["fail", "unhealthy: endpoint:linode:us-central"]);
        assert.ok(endpoints.evidence?.some((e) => /^endpoint:linode:us-central: unhealthy \(.*503/.test(e)), endpoints.evidence?.join("\n"));
        assert.ok(endpoints.evidence?.some((e) => e.startsWith("endpoint:gcp: healthy")));
        assert.strictEqual(result.exitCode, EXIT.FAILED);
    });

    it("certificates: days left on the context's clock against failover.certificateWarningDays (21)", async () => {
        const fresh = check(await run(), "certificates");
        assert.strictEqual(fresh.verdict, "pass");
        assert.strictEqual(fresh.evidence?.length, 3);
        assert.ok(fresh.evidence?.every((e) => e.includes(`${CERT_DAYS - 1} day(s) left`)), fresh.evidence?.join("\n"));
        clock.advance(10 * DAY_MS);
        const later = check(await run(), "certificates");
        assert.strictEqual(later.verdict, "fail");
        assert.match(later.detail, /^gcp, linode:us-east, linode:us-central: expiring within 21 days/);
        assert.ok(later.evidence?.every((e) => e.includes(`${CERT_DAYS - 11} day(s) left`)), later.evidence?.join("\n"));
    });

    it("app-dns: the hostname must resolve to the deployed active site's address, and only to it", async () => {
        estate.dns.zones = { ...estate.dns.zones, [APP_HOSTNAME]: { a: ["127.0.0.3"] } };
        const moved = check(await run(), "app-dns");
        assert.deepStrictEqual([moved.verdict, moved.detail], ["fail", `${APP_HOSTNAME} resolves to 127.0.0.3, not gcp's 127.0.0.2`]);
        estate.dns.zones = { ...estate.dns.zones, [APP_HOSTNAME]: { a: ["127.0.0.2", "127.0.0.3"] } };
        assert.strictEqual(check(await run(), "app-dns").verdict, "fail");
        estate.dns.zones = { ...estate.dns.zones, [APP_HOSTNAME]: undefined as never };
        const missing = check(await run(), "app-dns");
        assert.deepStrictEqual([missing.verdict, missing.detail], ["fail", `${APP_HOSTNAME} did not resolve @${estate.dns.address}: ENOTFOUND for ${APP_HOSTNAME}`]);
        assert.ok(estate.dns.queries.includes(`A ${APP_HOSTNAME}`));
    });

    it("app-dns follows what is deployed: traffic on linode expects linode's endpoint", async () => {
        stack.deployed["multicloud-dr:activeSite"] = "linode";
        estate.dns.zones = { ...estate.dns.zones, [APP_HOSTNAME]: { a: ["127.0.0.3"] } };
        const result = await run();
        assert.strictEqual(check(result, "app-dns").verdict, "pass");
        assert.strictEqual(result.data.standbySite, "gcp");
    });

    it("linode-delegation: NS must be Linode's five name servers, and the zone's app record the deployed region's NodeBalancer", async () => {
        const ok = check(await run(), "linode-delegation");
        assert.strictEqual(ok.verdict, "pass", ok.detail);
        assert.ok(estate.dns.queries.includes(`NS ${LINODE_ZONE}`) && estate.dns.queries.includes(`A ${LINODE_APP_RECORD}`), estate.dns.queries.join(", "));

        estate.dns.zones = { ...estate.dns.zones, [LINODE_ZONE]: { ns: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.com"] } };
        const wrong = check(await run(), "linode-delegation");
        assert.strictEqual(wrong.verdict, "fail");
        assert.match(wrong.detail, /^linode\.staging\.example\.com is delegated to ns-1\.awsdns-01\.org, ns-2\.awsdns-02\.com, not ns1\.linode\.com, ns2\.linode\.com/);

        estate.dns.zones = { ...estate.dns.zones, [LINODE_ZONE]: { ns: ["ns1.linode.com", "ns2.linode.com"] } };
        assert.strictEqual(check(await run(), "linode-delegation").verdict, "fail", "a partial set of Linode's servers is not the delegation the stack configures");

        estate.reset();
        estate.dns.zones = { ...estate.dns.zones, [LINODE_APP_RECORD]: { a: ["127.0.0.4"] } };
        const stale = check(await run(), "linode-delegation");
        assert.deepStrictEqual([stale.verdict, stale.detail], ["fail", `${LINODE_APP_RECORD} resolves to 127.0.0.4, not us-east's NodeBalancer 127.0.0.3`]);
        stack.deployed["multicloud-dr:linodeActiveRegion"] = "us-central";
        assert.strictEqual(check(await run(), "linode-delegation").verdict, "pass", "after a linode-region move the record follows the deployed region");
    });

    it("standby-capacity: the Linode API's nodes_status for the deployed region's NodeBalancer, every page read with the token", async () => {
        const result = await run();
        const capacity = check(result, "standby-capacity");
        assert.deepStrictEqual([capacity.verdict, capacity.detail], ["pass", "linode us-east: 1 of 1 backends up on each of 2 port(s)"]);
        assert.deepStrictEqual(capacity.evidence, [
            "NodeBalancer dr-staging-us-east-nb (101) port 443/https: 1 up, 0 down (config: 1)",
            "NodeBalancer dr-staging-us-east-nb (101) port 80/http: 1 up, 0 down (config: 1)",
        ]);
        assert.deepStrictEqual(
            estate.linode.requests.map((r) => r.line),
            [
                "GET /v4/nodebalancers?page=1&page_size=500",
                "GET /v4/nodebalancers?page=2&page_size=500",
                "GET /v4/nodebalancers?page=3&page_size=500",
                "GET /v4/nodebalancers/101/configs?page=1&page_size=500",
                "GET /v4/nodebalancers/101/configs?page=2&page_size=500",
            ],
        );
        assert.ok(estate.linode.requests.every((r) => r.authorization === `Bearer ${estate.linode.token}`));
        assert.ok(!result.message.includes(estate.linode.token) && !JSON.stringify(result.data).includes(estate.linode.token));
    });

    it("standby-capacity: a backend down fails it; no token or a remote API outside a real run skips it (never a pass)", async () => {
        estate.linode.nodeBalancers[0].configs[0] = { id: 1, port: 443, protocol: "https", up: 0, down: 1 };
        const down = check(await run(), "standby-capacity");
        assert.deepStrictEqual([down.verdict, down.detail], ["fail", "linode us-east: port 443 has 0 of 1 backends up"]);

        const noToken = await run(env({}));
        assert.deepStrictEqual(
            [check(noToken, "standby-capacity").verdict, check(noToken, "standby-capacity").detail],
            ["skipped", "skipped: no Linode API token (set LINODE_TOKEN, read-only nodebalancers scope)"],
        );
        assert.strictEqual(noToken.data.counts.skipped, 1);
        assert.match(noToken.message, /\n {2}skipped standby-capacity: skipped: no Linode API token/);

        const remote = check(await run(env({ token: "t", baseUrl: "https://api.linode.com/v4" })), "standby-capacity");
        assert.deepStrictEqual([remote.verdict, remote.detail], ["skipped", "skipped: not calling api.linode.com: only loopback addresses outside a real run"]);
    });

    it("standby-capacity: a rejected token is a failed check, and the whole run still reports every other check", async () => {
        const result = await run(env({ token: "wrong" }));
        const capacity = check(result, "standby-capacity");
        assert.deepStrictEqual([capacity.verdict, capacity.detail], ["fail", "could not check: GET /nodebalancers: HTTP 401 (Invalid Token)"]);
        assert.strictEqual(result.data.checks.length, READINESS_CHECKS.length);
        assert.strictEqual(result.data.counts.pass, 6);
    });

    describe("standby-capacity with traffic on linode: the GCP standby's backend service, through a fake Compute Engine API", () => {
        beforeEach(() => {
            stack.deployed["multicloud-dr:activeSite"] = "linode";
        });
        const getHealth = `POST /compute/v1/projects/${GCP_PROJECT}/global/backendServices/${GCP_BACKEND_SERVICE}/getHealth`;
        const groups = Object.values(GCP_GROUPS).flat();
        const setHealth = (zone: string, states: string[]) => {
            const group = groups.find((g) => g.includes(`/zones/${zone}/`)) ?? assert.fail(zone);
            estate.compute.backendServices[`${GCP_PROJECT}/${GCP_BACKEND_SERVICE}`][group] = states;
        };

        it("asks getHealth for every zonal instance group of the gcpBackends output, with the token; enough HEALTHY nodes per region pass", async () => {
            const result = await run();
            assert.strictEqual(result.data.standbySite, "gcp");
            const capacity = check(result, "standby-capacity");
            // Staging: gcp.minNodesPerZone 1, two zones per region, so each region needs 2 HEALTHY nodes.
            assert.deepStrictEqual([capacity.verdict, capacity.detail], ["pass", "gcp: every serving region has its configured backends healthy (us-central1 2 of 2, us-east4 2 of 2)"]);
            assert.deepStrictEqual(capacity.evidence, [
                "gcp us-central1: 2 of 2 node(s) HEALTHY (config: at least 2, gcp.minNodesPerZone 1 x 2 zone(s))",
                "  us-central1-a/gke-dr-staging-us-central1-pool-grp-a: 1 of 1 HEALTHY",
                "  us-central1-b/gke-dr-staging-us-central1-pool-grp-b: 1 of 1 HEALTHY",
                "gcp us-east4: 2 of 2 node(s) HEALTHY (config: at least 2, gcp.minNodesPerZone 1 x 2 zone(s))",
                "  us-east4-a/gke-dr-staging-us-east4-pool-grp-a: 1 of 1 HEALTHY",
                "  us-east4-b/gke-dr-staging-us-east4-pool-grp-b: 1 of 1 HEALTHY",
            ]);
            assert.deepStrictEqual(
                estate.compute.requests.map((r) => [r.line, r.contentType, r.body]),
                groups.map((group) => [getHealth, "application/json", JSON.stringify({ group })]),
            );
            assert.ok(estate.compute.requests.every((r) => r.authorization === `Bearer ${estate.compute.token}`));
            assert.deepStrictEqual(estate.linode.requests, [], "a GCP standby asks nothing of Linode");
            assert.ok(!result.message.includes(estate.compute.token) && !JSON.stringify(result.data).includes(estate.compute.token));
        });

        it("fails naming the region and its counts when HEALTHY nodes fall below gcp.minNodesPerZone x zones; a scaled-up zone makes up for another", async () => {
            setHealth("us-east4-b", ["UNHEALTHY"]);
            const one = check(await run(), "standby-capacity");
            assert.deepStrictEqual([one.verdict, one.detail], ["fail", "gcp us-east4: 1 healthy backend(s) of 2 node(s), config needs 2 (gcp.minNodesPerZone 1 x 2 zone(s))"]);
            assert.ok(one.evidence?.includes("  us-east4-b/gke-dr-staging-us-east4-pool-grp-b: 0 of 1 HEALTHY"), one.evidence?.join("\n"));

            setHealth("us-central1-a", []);
            const two = await run();
            assert.deepStrictEqual(check(two, "standby-capacity").detail, [
                "gcp us-central1: 1 healthy backend(s) of 1 node(s), config needs 2 (gcp.minNodesPerZone 1 x 2 zone(s))",
                "gcp us-east4: 1 healthy backend(s) of 2 node(s), config needs 2 (gcp.minNodesPerZone 1 x 2 zone(s))",
            ].join("; "));
            assert.strictEqual(two.exitCode, EXIT.FAILED);
            assert.deepStrictEqual(told.at(-1)?.kind, "not-ready");

            estate.reset();
            setHealth("us-east4-a", ["HEALTHY", "HEALTHY"]);
            setHealth("us-east4-b", ["UNHEALTHY"]);
            const made = check(await run(), "standby-capacity");
            assert.deepStrictEqual([made.verdict, made.detail], ["pass", "gcp: every serving region has its configured backends healthy (us-central1 2 of 2, us-east4 2 of 2)"]);
        });

        it("no token, a remote API outside a real run, or a stack without the gcpBackends output: skipped with the reason and nothing asked", async () => {
            const noToken = await run(env({ token: estate.linode.token }));
            assert.deepStrictEqual(
                [check(noToken, "standby-capacity").verdict, check(noToken, "standby-capacity").detail],
                ["skipped", "skipped: no GCP access token (set GOOGLE_OAUTH_ACCESS_TOKEN, e.g. from `gcloud auth print-access-token`; roles/compute.viewer)"],
            );
            assert.strictEqual(noToken.data.counts.skipped, 1);
            const remote = check(await run(env({ gcpToken: "t", gcpBaseUrl: "https://compute.googleapis.com/compute/v1" })), "standby-capacity");
            assert.deepStrictEqual([remote.verdict, remote.detail], ["skipped", "skipped: not calling compute.googleapis.com: only loopback addresses outside a real run"]);
            const { gcpBackends: _gone, ...older } = estate.outputs();
            stack = FakeStack.fromStackFile("staging", older);
            stack.deployed["multicloud-dr:activeSite"] = "linode";
            const unexported = check(await run(), "standby-capacity");
            assert.deepStrictEqual([unexported.verdict, unexported.detail], ["skipped", "skipped: the stack outputs have no gcpBackends (deployed before they were exported; the next update adds them)"]);
            assert.deepStrictEqual(estate.compute.requests, []);
        });

        it("a rejected token or a group the backend service does not have is a failed check with Google's error status", async () => {
            const rejected = check(await run(env({ token: estate.linode.token, gcpToken: "ya29.expired" })), "standby-capacity");
            assert.deepStrictEqual(
                [rejected.verdict, rejected.detail],
                ["fail", `could not check: POST /projects/${GCP_PROJECT}/global/backendServices/${GCP_BACKEND_SERVICE}/getHealth: HTTP 401 (UNAUTHENTICATED: Request had invalid authentication credentials. Expected OAuth 2 access token.)`],
            );
            delete estate.compute.backendServices[`${GCP_PROJECT}/${GCP_BACKEND_SERVICE}`][groups[3]];
            const stale = check(await run(), "standby-capacity");
            assert.strictEqual(stale.verdict, "fail");
            assert.match(stale.detail, /^could not check: POST .*\/getHealth: HTTP 400 \(INVALID_ARGUMENT: Invalid value for field 'resource\.group'/);
        });
    });

    it("a new check is one list entry; a check that throws is a failure with its message, never a crash", async () => {
        const extra: ReadinessCheck = { name: "replication-lag", description: "test double", run: async () => skipped("not measured here") };
        const broken: ReadinessCheck = { name: "broken", description: "test double", run: async () => Promise.reject(new Error("boom\nstack trace")) };
        const result = await run(env(), [...READINESS_CHECKS, extra, broken]);
        assert.deepStrictEqual(result.data.checks.slice(-2).map((c) => [c.name, c.verdict, c.detail]), [
            ["replication-lag", "skipped", "skipped: not measured here"],
            ["broken", "fail", "could not check: boom"],
        ]);
        assert.strictEqual(result.exitCode, EXIT.FAILED);
    });
});
