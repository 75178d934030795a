import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { dnsResolver, DrillReport, REPORT_JSON, REPORT_MARKDOWN, runDrill } from "../../automation/drill";
import { dynamoRegionalTable } from "../../automation/fence/regionalTable";
import { parseDynamodbEndpoints } from "../../automation/probes/dynamoEndpoints";
import { EXIT } from "../../topology";
import { ReplicatedDynamo, startReplicatedDynamo } from "../support/replicatedDynamo";
import { harness, Harness, LocalEstate, startLocalEstate } from "./estate";

/**
 * The drill's RPO bound against an injected replication lag: one dynalite per table region with the test
 * replicator between them (a stand-in for global-table replication), following the drill's fake clock, so the
 * measurement is exact up to the sample interval whatever the machine's speed.
 */
describe("drill RPO bound (replicating dynalite servers on the drill's fake clock)", () => {
    let estate: LocalEstate;
    let dynamo: ReplicatedDynamo;
    let h: Harness;
    const POLL_MS = 100;

    before(async () => {
        estate = await startLocalEstate();
    });
    after(() => estate.close());
    afterEach(async () => {
        await dynamo.close();
        h.cleanup();
    });

    const drillWithLag = async (lagMs: number): Promise<DrillReport> => {
        let now = () => 0;
        dynamo = await startReplicatedDynamo({ regions: ["us-east-1", "us-west-2", "us-east-2"], tableName: "dr-app-staging", lagMs, now: () => now() });
        const endpoints = parseDynamodbEndpoints(dynamo.endpoints);
        h = harness(estate, { openTable: (tableName, timeoutMs) => dynamoRegionalTable({ tableName, endpoints, scope: { allowRemote: false }, timeoutMs }) });
        now = () => h.clock.now();
        const key = "multicloud-dr:table";
        h.stack.config[key] = { value: JSON.stringify({ ...JSON.parse(h.stack.config[key].value), maxReplicationLagSeconds: 5, replicationPollMs: POLL_MS }), secret: false };
        const result = await runDrill(h.ctx, {
            allowProd: false,
            holdSeconds: 0,
            reportDir: path.join(h.dir, "report"),
            verify: { probeEnv: estate.probeEnv, resolve: dnsResolver({ server: estate.dns.address, timeoutMs: 1000, scope: estate.probeEnv.scope }) },
        });
        assert.strictEqual(result.exitCode, EXIT.OK, result.message);
        return JSON.parse(fs.readFileSync(path.join(h.dir, "report", REPORT_JSON), "utf8"));
    };

    for (const lagMs of [0, 1230]) {
        it(`reports rpoSeconds within one sample interval above an injected lag of ${lagMs} ms`, async () => {
            const report = await drillWithLag(lagMs);
            const rpo = report.rpoSeconds!;
            assert.ok(rpo >= lagMs / 1000 && rpo <= (lagMs + POLL_MS) / 1000, `rpoSeconds ${rpo} for a ${lagMs} ms lag`);
            assert.deepStrictEqual([report.rpo?.fromRegion, report.rpo?.toRegion], ["us-west-2", "us-east-2"]);
            const markdown = fs.readFileSync(path.join(h.dir, "report", REPORT_MARKDOWN), "utf8");
            assert.ok(markdown.includes(`| RPO bound (replication lag at the switch) | ${rpo.toFixed(2)} s: us-west-2 -> us-east-2, canary read every 0.1s |`), markdown);
        });
    }
});
