import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DeleteItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { createTable, HealthServer, LocalDynamo, startDynalite, startHealthServer } from "../automation/localServers";
import { agentEnv, AgentProcess, eventually, runAgentToExit, startAgent } from "./agentProcess";
import { FakeSsm, startFakeSsm } from "./fakeSsm";
import { startTcpGate, TcpGate } from "./tcpGate";

const TABLE = "dr-table";
const PARAMETER = "/multicloud-dr/active-site";
const CANARY = { pk: "dr-canary", sk: "dr-canary" };
const DEADLINE_MS = 500;
const INTERVAL_MS = 200;
/** Process scheduling and the HTTP round trip on a shared, busy machine. */
const MARGIN_MS = 400;

interface Estate {
    dynamo: LocalDynamo;
    gate: TcpGate;
    app: HealthServer;
    ssm: FakeSsm;
    dir: string;
    agent: AgentProcess;
}

async function startEstate(settings: Record<string, string> = {}): Promise<Estate> {
    const dynamo = await startDynalite();
    await createTable(dynamo, TABLE, CANARY);
    const gate = await startTcpGate({ host: "127.0.0.1", port: Number(new URL(dynamo.endpoint).port) });
    const app = await startHealthServer({ status: 200, body: "app ok" });
    const ssm = await startFakeSsm();
    for (const region of ["us-east-1", "us-west-2"]) {
        ssm.set(region, PARAMETER, JSON.stringify({ activeSite: "gcp", writeRegion: "us-east-1" }));
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mcdr-agent-"));
    const agent = await startAgent(
        agentEnv({
            AWS_ENDPOINT_URL_DYNAMODB: gate.endpoint,
            AWS_ENDPOINT_URL_SSM: ssm.endpoint,
            MCDR_SITE: "gcp",
            MCDR_REGION: "us-west-2",
            MCDR_TABLE: TABLE,
            MCDR_PARAMETER: PARAMETER,
            MCDR_PARAMETER_REGIONS: "us-east-1,us-west-2",
            MCDR_APP_HEALTH_URL: app.url,
            MCDR_LISTEN: "127.0.0.1:0",
            MCDR_EXPECTED_BODY: "site ok",
            MCDR_CHECK_DEADLINE_MS: String(DEADLINE_MS),
            MCDR_PARAMETER_INTERVAL_MS: String(INTERVAL_MS),
            MCDR_ACTIVE_SITE_FILE: path.join(dir, "state", "active-site.json"),
            ...settings,
        }),
    );
    return { dynamo, gate, app, ssm, dir, agent };
}

async function stopEstate(estate: Estate | undefined): Promise<void> {
    if (!estate) {
        return;
    }
    await estate.agent.stop();
    await Promise.all([estate.gate.close(), estate.dynamo.close(), estate.app.close(), estate.ssm.close()]);
    fs.rmSync(estate.dir, { recursive: true, force: true });
}

function readFile(estate: Estate): Record<string, unknown> | undefined {
    try {
        return JSON.parse(fs.readFileSync(path.join(estate.dir, "state", "active-site.json"), "utf8")) as Record<string, unknown>;
    } catch {
        return undefined;
    }
}

/** Waits for the first good read, then returns the health answer. */
async function healthy(estate: Estate) {
    return (await eventually(3000, async () => {
        const answer = await estate.agent.get("/health");
        return answer.status === 200 ? answer : undefined;
    })).value;
}

async function unhealthy(estate: Estate) {
    const answer = await estate.agent.get("/health");
    assert.equal(answer.status, 503, answer.body);
    assert.ok(answer.ms < DEADLINE_MS + MARGIN_MS, `answered in ${answer.ms} ms`);
    return { ...answer, json: JSON.parse(answer.body) as { ok: boolean; reason: string; checks: Record<string, { ok: boolean; detail: string }> } };
}

describe("site agent, as a process against dynalite, a loopback app and a fake SSM", function () {
    let estate: Estate | undefined;
    before(async () => {
        estate = await startEstate();
    });
    after(async () => stopEstate(estate));
    const live = () => estate as Estate;

    it("answers 200 with exactly the expected body when app, parameter and canary are fine", async () => {
        const answer = await healthy(live());
        assert.equal(answer.body, "site ok");
    });

    it("reads the parameter from its own region first, then publishes it on /active-site and in the file", async () => {
        assert.equal(live().ssm.calls[0], "us-west-2");
        const answer = await live().agent.get("/active-site");
        assert.equal(answer.status, 200);
        const view = JSON.parse(answer.body);
        assert.deepEqual(
            { activeSite: view.activeSite, writeRegion: view.writeRegion, site: view.site, isActiveSite: view.isActiveSite, readFrom: view.readFrom, stale: view.stale },
            { activeSite: "gcp", writeRegion: "us-east-1", site: "gcp", isActiveSite: true, readFrom: "us-west-2", stale: false },
        );
        assert.ok(Math.abs(Date.parse(view.readAt) - Date.now()) < 5000);
        const file = (await eventually(INTERVAL_MS + MARGIN_MS, async () => readFile(live()))).value;
        assert.equal(file.writeRegion, "us-east-1");
        assert.equal(file.ok, true);
    });

    it("answers 503 naming the app when the app's health URL answers 500", async () => {
        live().app.behaviour = { status: 500, body: "broken" };
        try {
            const answer = await unhealthy(live());
            assert.equal(answer.json.checks.app.ok, false);
            assert.match(answer.json.reason, /^app: .* answered 500$/);
            assert.equal(answer.json.checks.canary.ok, true);
        } finally {
            live().app.behaviour = { status: 200, body: "app ok" };
        }
        await healthy(live());
    });

    it("answers 503 within the deadline when the app does not answer", async () => {
        live().app.behaviour = { status: 200, body: "late", delayMs: 5000 };
        try {
            const answer = await unhealthy(live());
            assert.match(answer.json.checks.app.detail, new RegExp(`no answer within ${DEADLINE_MS} ms`));
        } finally {
            live().app.behaviour = { status: 200, body: "app ok" };
        }
        await healthy(live());
    });

    it("answers 503 when the canary item is missing in the write region, 200 again once it is back", async () => {
        const client = live().dynamo.client("us-east-1");
        const key = { pk: { S: CANARY.pk }, sk: { S: CANARY.sk } };
        try {
            await client.send(new DeleteItemCommand({ TableName: TABLE, Key: key }));
            const answer = await unhealthy(live());
            assert.equal(answer.json.checks.canary.detail, `canary item missing in ${TABLE} in us-east-1`);
            assert.equal(answer.json.checks.app.ok, true);
            await client.send(new PutItemCommand({ TableName: TABLE, Item: key }));
            await healthy(live());
        } finally {
            client.destroy();
        }
    });

    it("follows a changed parameter within one interval, on /active-site and in the file, epoch included", async () => {
        for (const region of ["us-east-1", "us-west-2"]) {
            live().ssm.set(region, PARAMETER, JSON.stringify({ activeSite: "linode", writeRegion: "eu-west-1", epoch: 3 }));
        }
        const seen = await eventually(INTERVAL_MS + MARGIN_MS, async () => {
            const view = JSON.parse((await live().agent.get("/active-site")).body);
            const file = readFile(live());
            return view.activeSite === "linode" && file?.activeSite === "linode" ? { view, file } : undefined;
        });
        assert.equal(seen.value.view.writeRegion, "eu-west-1");
        assert.equal(seen.value.view.isActiveSite, false);
        assert.equal(seen.value.file.writeRegion, "eu-west-1");
        // The fencing epoch, for apps doing fenced writes (client/fencedWrite.ts).
        assert.deepEqual([seen.value.view.epoch, seen.value.file.epoch], [3, 3]);
        assert.equal(seen.value.file.version, 2);
        // The canary is now read in the new write region (dynalite serves every region from one store).
        const answer = await healthy(live());
        assert.equal(answer.body, "site ok");
    });

    it("falls back to the next region when its own region has no parameter", async () => {
        live().ssm.parameters.get("us-west-2")?.delete(PARAMETER);
        const seen = await eventually(INTERVAL_MS + MARGIN_MS, async () => {
            const view = JSON.parse((await live().agent.get("/active-site")).body);
            return view.readFrom === "us-east-1" ? view : undefined;
        });
        assert.deepEqual([seen.value.activeSite, seen.value.stale], ["linode", false]);
        await healthy(live());
    });

    it("answers 503 within the deadline when DynamoDB hangs", async () => {
        live().gate.mode = "hang";
        // Lets the agent's pooled connections see the cut, so the probe opens a new one that hangs.
        await new Promise((resolve) => setTimeout(resolve, 100));
        try {
            const answer = await unhealthy(live());
            assert.match(answer.json.checks.canary.detail, new RegExp(`no answer within ${DEADLINE_MS} ms`));
        } finally {
            live().gate.mode = "pass";
        }
        await healthy(live());
    });

    it("answers 503 when DynamoDB is stopped", async () => {
        await live().gate.close();
        const answer = await unhealthy(live());
        assert.equal(answer.json.checks.canary.ok, false);
        assert.match(answer.json.reason, /^canary: .*(connection refused|ECONNRESET)/);
    });
});

describe("site agent, when SSM becomes unreachable", function () {
    const MAX_STALENESS_MS = 1500;
    let estate: Estate | undefined;
    before(async () => {
        estate = await startEstate({ MCDR_MAX_STALENESS_MS: String(MAX_STALENESS_MS) });
    });
    after(async () => stopEstate(estate));
    const live = () => estate as Estate;

    it("stays healthy on the last known value, marked stale with its age, then fails after the bound", async () => {
        await healthy(live());
        await live().ssm.close();
        const stopped = Date.now();
        const stale = await eventually(INTERVAL_MS + MARGIN_MS, async () => {
            const view = JSON.parse((await live().agent.get("/active-site")).body);
            return view.stale === true ? view : undefined;
        });
        assert.equal(stale.value.ok, true);
        assert.equal(stale.value.activeSite, "gcp");
        // Every region was tried, nearest first (a reused connection may be reset rather than refused).
        assert.match(stale.value.failure, /^us-west-2: (connection refused|ECONNRESET); us-east-1: (connection refused|ECONNRESET)$/);
        const during = await live().agent.get("/health");
        assert.equal(during.status, 200, during.body);
        assert.equal(during.body, "site ok");
        // The file is written just after the state changes.
        await eventually(INTERVAL_MS + MARGIN_MS, async () => (readFile(live())?.stale === true ? true : undefined));

        const failed = await eventually(MAX_STALENESS_MS + INTERVAL_MS + MARGIN_MS, async () => {
            const answer = await live().agent.get("/health");
            return answer.status === 503 ? answer : undefined;
        });
        // The bound counts from the last successful read, which may be up to one interval (more on a busy machine)
        // before SSM stopped; by the time the agent says 503, that read must be older than the bound.
        const age = Date.now() - Date.parse(stale.value.readAt);
        assert.ok(age >= MAX_STALENESS_MS, `failed when the last read was ${age} ms old (bound ${MAX_STALENESS_MS} ms)`);
        assert.ok(Date.now() - stopped <= MAX_STALENESS_MS + INTERVAL_MS + MARGIN_MS);
        const body = JSON.parse(failed.value.body);
        assert.equal(body.checks.parameter.ok, false);
        assert.match(body.checks.parameter.detail, new RegExp(`exceeds the ${MAX_STALENESS_MS} ms bound`));
        const view = await live().agent.get("/active-site");
        assert.equal(view.status, 503);
        assert.equal(JSON.parse(view.body).last.activeSite, "gcp");
        await eventually(INTERVAL_MS + MARGIN_MS, async () => (readFile(live())?.ok === false ? true : undefined));
    });
});

describe("site agent, with a bad environment", function () {
    it("exits 2 with one line naming the variable", async () => {
        const cases: Array<[Record<string, string>, RegExp]> = [
            [{}, /^mcdr-agent: MCDR_SITE: is required\n$/],
            [{ MCDR_SITE: "aws", MCDR_REGION: "us-east-1" }, /^mcdr-agent: MCDR_SITE: must be "gcp" or "linode" \(got "aws"\)\n$/],
        ];
        const results = await Promise.all(cases.map(([env]) => runAgentToExit(agentEnv(env))));
        results.forEach((result, i) => {
            assert.equal(result.code, 2);
            assert.match(result.stderr, cases[i][1]);
            assert.equal(result.stdout, "");
        });
    });
});
