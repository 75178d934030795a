import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { METRIC } from "../../automation/metrics";
import { startWatchServices, watch, WatchServices } from "../../automation/watch";
import { FAILING, harness, Harness, LocalEstate, startLocalEstate } from "../drill/estate";
import { histogramSeries, parsePrometheusText, sample } from "./promParser";

const DAY_S = 86_400;

describe("watch --serve: Prometheus metrics scraped over loopback and parsed with a real parser", () => {
    let estate: LocalEstate;
    let h: Harness;
    let services: WatchServices;
    let drillsDir: string;
    const lastFlipAt = Date.now() - 3_600_000;
    const certificateValidTo = new Date(Date.now() + 10 * DAY_S * 1000).toISOString();

    before(async () => {
        estate = await startLocalEstate();
        // Independently known outcomes: gcp answers after 150 ms, us-central fails, the rest answer at once.
        estate.gcp.behaviour = { status: 200, body: "ok", delayMs: 150 };
        estate.usCentral.behaviour = { ...FAILING };
        drillsDir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-metrics-drills-"));
        h = harness(estate, {
            certificates: async () => [{ endpoint: "gcp", target: "127.0.0.2:443", servername: "app.staging.example.com", validTo: certificateValidTo, daysLeft: 10 }],
        });
        h.stack.config["multicloud-dr:lastFlip"] = {
            value: JSON.stringify({ id: "x", action: "failover", at: new Date(lastFlipAt).toISOString(), outcome: "succeeded" }),
            secret: false,
        };
        services = await startWatchServices(h.ctx, { serve: { host: "127.0.0.1", port: 0 }, drillsDir });
        const result = await watch(h.ctx, { auto: false, maxRounds: 3, hooks: services.hooks });
        assert.strictEqual(result.exitCode, 0, result.message);
    });
    after(async () => {
        await services.close();
        h.cleanup();
        fs.rmSync(drillsDir, { recursive: true, force: true });
        await estate.close();
    });

    const scrapeText = async () => {
        const response = await fetch(`${services.url}/metrics`);
        assert.strictEqual(response.status, 200);
        assert.match(response.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
        return response.text();
    };
    const scrape = async () => parsePrometheusText(await scrapeText());

    it("per probe: 1/0 for the last result and a latency histogram that puts gcp's 150 ms in the right bucket", async () => {
        const text = await scrapeText();
        const families = parsePrometheusText(text);
        assert.strictEqual(families.get(METRIC.probeSuccess)?.type, "GAUGE");
        const success = (probe: string) => sample(families, METRIC.probeSuccess, { probe })?.value;
        assert.deepStrictEqual(
            ["endpoint:gcp", "endpoint:linode:us-east", "endpoint:linode:us-central", "dynamodb:gcp", "dynamodb:linode"].map(success),
            ["1", "1", "0", "1", "1"],
        );
        const duration = histogramSeries(text, METRIC.probeDuration, { probe: "endpoint:gcp" }) ?? assert.fail("no gcp latency");
        assert.strictEqual(families.get(METRIC.probeDuration)?.type, "HISTOGRAM");
        assert.strictEqual(duration.count, "3", "one observation per round");
        assert.strictEqual(duration.buckets?.["0.1"], "0", "nothing under 100 ms: the server waits 150 ms");
        assert.strictEqual(duration.buckets?.["1"], "3");
        assert.ok(Number(duration.sum) >= 0.45, `sum ${duration.sum} s over 3 rounds of >= 150 ms`);
    });

    it("the active and home site, the Linode region, rounds and failures, leadership", async () => {
        const families = await scrape();
        const v = (name: string, labels: Record<string, string> = {}) => sample(families, name, labels)?.value;
        assert.deepStrictEqual([v(METRIC.activeSite, { site: "gcp" }), v(METRIC.activeSite, { site: "linode" })], ["1", "0"]);
        assert.deepStrictEqual([v(METRIC.homeSite, { site: "gcp" }), v(METRIC.homeSite, { site: "linode" })], ["1", "0"]);
        assert.deepStrictEqual([v(METRIC.linodeActiveRegion, { region: "us-east" }), v(METRIC.linodeActiveRegion, { region: "us-central" })], ["1", "0"]);
        assert.strictEqual(families.get(METRIC.rounds)?.type, "COUNTER");
        assert.strictEqual(v(METRIC.rounds), "3");
        assert.strictEqual(v(METRIC.consecutiveFailures), "0");
        assert.strictEqual(v(METRIC.leader), "1", "no lease: this watch acts");
    });

    it("the last flip as a timestamp and as seconds since, certificate expiry and seconds left", async () => {
        const families = await scrape();
        const v = (name: string, labels: Record<string, string> = {}) => Number(sample(families, name, labels)?.value);
        assert.strictEqual(v(METRIC.lastFlipTimestamp), lastFlipAt / 1000);
        const age = v(METRIC.lastFlipAge);
        assert.ok(age >= 3600 && age < 3660, `age ${age}`);
        assert.strictEqual(v(METRIC.certificateExpiry, { endpoint: "gcp" }), Date.parse(certificateValidTo) / 1000);
        const left = v(METRIC.certificateRemaining, { endpoint: "gcp" });
        assert.ok(left <= 10 * DAY_S && left > 10 * DAY_S - 60, `remaining ${left}`);
    });

    it("replication lag: what watch measured (one dynalite behind every region: no lag), then exactly what is set, and no series for a region not measured", async () => {
        // The watch measured from the deployed write region (us-west-2) into the table's other regions; one dynalite
        // serves them all, so the canary is there at the first read: the lag is that one read's time (well under a
        // second even on a loaded machine), not a poll or more.
        const measured = (await scrape()).get(METRIC.replicationLag)?.metrics ?? [];
        assert.deepStrictEqual(measured.map((m) => m.labels?.region).sort(), ["us-east-1", "us-east-2"]);
        for (const m of measured) {
            assert.ok(Number(m.value) >= 0 && Number(m.value) < 1, JSON.stringify(m));
        }
        services.hooks.replicationLag?.("us-east-2", 2.5);
        services.hooks.replicationLag?.("us-east-1", undefined);
        services.hooks.replicationLag?.("us-west-2", 7);
        services.hooks.replicationLag?.("us-west-2", undefined);
        const families = await scrape();
        assert.deepStrictEqual(families.get(METRIC.replicationLag)?.metrics, [{ labels: { region: "us-east-2" }, value: "2.5" }]);
    });

    it("every name has the prefix, and units and _total where the conventions want them", async () => {
        const families = await scrape();
        for (const [name, family] of families) {
            assert.match(name, /^multicloud_dr_[a-z_]+$/);
            assert.ok(family.help.length > 0, `${name} has help`);
            assert.strictEqual(name.endsWith("_total"), family.type === "COUNTER", name);
        }
        assert.deepStrictEqual([...families.keys()].filter((n) => /seconds/.test(n) && !n.endsWith("_seconds")), []);
    });

    it("answers 404 elsewhere and 405 to other methods", async () => {
        assert.strictEqual((await fetch(`${services.url}/nope`)).status, 404);
        assert.strictEqual((await fetch(`${services.url}/metrics`, { method: "POST" })).status, 405);
    });
});
