// The time the fence adds to a switchover of the write region, against an injected replication lag. Runs the
// real flip operation (FakeStack of staging, real clock) with one dynalite per table region and the test
// replicator between them (tests/support/replicatedDynamo.ts, a stand-in for global-table replication); the added
// time is the fence rule's step duration in the audit entry. Alone: `node -r ./bin/register.js bench/fenceLag.ts`.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readAuditLog } from "../automation/audit";
import { systemClock } from "../automation/clock";
import { dynamoRegionalTable } from "../automation/fence/regionalTable";
import { DrContext, failover } from "../automation/operations";
import { parseDynamodbEndpoints } from "../automation/probes/dynamoEndpoints";
import { ProbeResult } from "../automation/probes/types";
import { FakeStack } from "../automation/testing/fakeStack";
import { TABLE_DEFAULTS } from "../topology";
import { startReplicatedDynamo } from "../tests/support/replicatedDynamo";
import { median } from "./stats";

export interface FenceLagResult {
    readonly lagMs: number;
    readonly pollMs: number;
    readonly samples: number;
    /** Median of the fence step's duration (write in the old region, then the wait for it in the new one). */
    readonly addedMs: number;
    readonly minMs: number;
    readonly maxMs: number;
    /** The median is at least the lag and at most one poll interval above it. */
    readonly withinOnePoll: boolean;
}

const healthy = async (): Promise<ProbeResult[]> =>
    ["endpoint:linode:us-east", "dynamodb:linode"].map((name) => ({ name, kind: "http", target: "-", ok: true, status: "healthy", detail: "ok", ms: 1 }));

export async function measureFenceLag(lagsMs: readonly number[], samples: number, pollMs: number = TABLE_DEFAULTS.replicationPollMs): Promise<FenceLagResult[]> {
    const dynamo = await startReplicatedDynamo({ regions: ["us-east-1", "us-west-2", "us-east-2"], tableName: "dr-app-staging" });
    const endpoints = parseDynamodbEndpoints(dynamo.endpoints);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-bench-fence-"));
    let epoch = 0;
    const results: FenceLagResult[] = [];
    try {
        for (const lagMs of lagsMs) {
            dynamo.lagMs = lagMs;
            const added: number[] = [];
            // One untimed flip first: the offline preview of the program is cached after it.
            for (let i = 0; i <= samples; i++) {
                const stack = FakeStack.fromStackFile("staging", { tableName: "dr-app-staging", healthEndpoints: {}, writeRegions: { gcp: "us-west-2", linode: "us-east-2" } });
                // Every sample starts above the fences the earlier ones left in the table.
                epoch += 10;
                stack.config["multicloud-dr:dataEpoch"] = { value: String(epoch), secret: false };
                const key = "multicloud-dr:table";
                stack.config[key] = { value: JSON.stringify({ ...JSON.parse(stack.config[key].value), replicationPollMs: pollMs }), secret: false };
                const auditLog = path.join(dir, `audit-${lagMs}-${i}.jsonl`);
                const ctx: DrContext = {
                    stack,
                    clock: systemClock,
                    probe: healthy,
                    auditLog,
                    lockDir: dir,
                    actor: { who: "bench", host: os.hostname() },
                    log: () => undefined,
                    openTable: (tableName, timeoutMs) => dynamoRegionalTable({ tableName, endpoints, scope: { allowRemote: false }, timeoutMs }),
                };
                const result = await failover(ctx, "linode", { reason: "bench", yes: true, force: false, dryRun: false });
                if (result.data.outcome !== "succeeded") {
                    throw new Error(`the benchmark flip did not succeed: ${result.message}`);
                }
                if (i > 0) {
                    added.push(readAuditLog(auditLog)[0].durationsMs.fence);
                }
            }
            const addedMs = median(added);
            results.push({ lagMs, pollMs, samples, addedMs, minMs: Math.min(...added), maxMs: Math.max(...added), withinOnePoll: addedMs >= lagMs && addedMs <= lagMs + pollMs });
        }
    } finally {
        await dynamo.close();
        fs.rmSync(dir, { recursive: true, force: true });
    }
    return results;
}

if (require.main === module) {
    const samples = Number(process.argv[2] ?? 5);
    measureFenceLag([0, 500, 2000], samples)
        .then((results) => process.stdout.write(`${JSON.stringify(results, null, 2)}\n`))
        .catch((err) => {
            console.error(err);
            process.exitCode = 1;
        });
}
