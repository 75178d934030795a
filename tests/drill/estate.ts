import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DrContext } from "../../automation/operations";
import { FakeClock } from "../../automation/clock";
import { FakeStack } from "../../automation/testing/fakeStack";
import { ProbeEnvironment } from "../../automation/probes";
import { realProber } from "../../cli/context";
import { createTable, HealthServer, LocalDynamo, startDynalite, startHealthServer } from "../automation/localServers";
import { DnsServer, startDnsServer } from "./dnsServer";
import { dynamoRegionalTable } from "../../automation/fence/regionalTable";

export const APP_HOSTNAME = "app.staging.example.com";
export const HEALTHY = { status: 200, body: "ok" } as const;
export const FAILING = { status: 503, body: "down" } as const;

/** A fake clock whose sleeps run the actions scheduled inside the time they pass, in order: health that changes over time. */
export class ScriptedClock extends FakeClock {
    readonly start: number;
    private readonly schedule: Array<{ at: number; action: () => void }> = [];
    /** Runs after every sleep (e.g. toggle an endpoint each round). */
    afterSleep: () => void = () => undefined;

    constructor() {
        super();
        this.start = this.now();
    }

    /** Runs `action` once the clock reaches `start + offsetMs`. */
    at(offsetMs: number, action: () => void): void {
        this.schedule.push({ at: this.start + offsetMs, action });
        this.schedule.sort((a, b) => a.at - b.at);
    }

    async sleep(ms: number): Promise<void> {
        await super.sleep(ms);
        while (this.schedule.length > 0 && this.schedule[0].at <= this.now()) {
            this.schedule.shift()?.action();
        }
        this.afterSleep();
    }

    /** Seconds since the clock was made. */
    elapsedSeconds(at = this.now()): number {
        return (at - this.start) / 1000;
    }
}

/**
 * The staging estate on loopback: one health server per endpoint, each on its own address (so DNS
 * answers tell them apart), dynalite with the table and canary, and a DNS server for the app hostname.
 */
export interface LocalEstate {
    readonly gcp: HealthServer;
    readonly usEast: HealthServer;
    readonly usCentral: HealthServer;
    readonly dynamo: LocalDynamo;
    readonly dns: DnsServer;
    readonly probeEnv: ProbeEnvironment;
    outputs(): Record<string, unknown>;
    /** The address a site's serving endpoint listens on. */
    addressOf(site: "gcp" | "linode"): string;
    reset(): void;
    close(): Promise<void>;
}

export async function startLocalEstate(): Promise<LocalEstate> {
    const [gcp, usEast, usCentral, dynamo] = await Promise.all([
        startHealthServer({ ...HEALTHY }, undefined, "127.0.0.2"),
        startHealthServer({ ...HEALTHY }, undefined, "127.0.0.3"),
        startHealthServer({ ...HEALTHY }, undefined, "127.0.0.4"),
        startDynalite(),
    ]);
    await createTable(dynamo, "dr-app-staging", { pk: "dr-canary", sk: "dr-canary" });
    const dns = await startDnsServer();
    const outputs = () => ({
        appHostname: APP_HOSTNAME,
        tableName: "dr-app-staging",
        healthEndpoints: { gcp: gcp.url, "linode:us-east": usEast.url, "linode:us-central": usCentral.url },
        siteEndpoints: { gcp: gcp.url, linode: usEast.url },
        writeRegions: { gcp: "us-west-2", linode: "us-east-2" },
    });
    return {
        gcp,
        usEast,
        usCentral,
        dynamo,
        dns,
        probeEnv: { scope: { allowRemote: false }, dynamodbEndpoint: dynamo.endpoint },
        outputs,
        addressOf: (site) => (site === "gcp" ? "127.0.0.2" : "127.0.0.3"),
        reset() {
            for (const server of [gcp, usEast, usCentral]) {
                server.behaviour = { ...HEALTHY };
            }
            dns.answer = () => [];
        },
        close: async () => {
            await Promise.all([gcp.close(), usEast.close(), usCentral.close(), dynamo.close(), dns.close()]);
        },
    };
}

export interface Harness {
    readonly dir: string;
    readonly stack: FakeStack;
    readonly clock: ScriptedClock;
    readonly ctx: DrContext;
    readonly logs: string[];
    readonly auditLog: string;
    /** Sets fields of the stack's `failover` config. */
    setFailoverConfig(fields: Record<string, number>): void;
    cleanup(): void;
}

let harnesses = 0;

/** A FakeStack of staging over the local estate, a scripted clock, real probes; DNS follows what the stack deployed. */
export function harness(estate: LocalEstate, ctxExtra: Partial<DrContext> = {}): Harness {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-drill-"));
    const stack = FakeStack.fromStackFile("staging", estate.outputs());
    // The dynalite is shared by the harnesses of a file: start above every fence an earlier one left in it.
    stack.config["multicloud-dr:dataEpoch"] = { value: String(++harnesses * 100), secret: false };
    const clock = new ScriptedClock();
    const logs: string[] = [];
    const auditLog = path.join(dir, "audit.jsonl");
    estate.dns.answer = (name) => (name === APP_HOSTNAME ? [estate.addressOf(stack.deployed["multicloud-dr:activeSite"] === "linode" ? "linode" : "gcp")] : []);
    const ctx: DrContext = {
        stack,
        clock,
        probe: realProber(estate.probeEnv),
        auditLog,
        lockDir: dir,
        actor: { who: "drill-bot", host: "ci" },
        log: (line) => logs.push(line),
        openTable: (tableName, timeoutMs) => dynamoRegionalTable({ tableName, endpoints: estate.probeEnv, scope: estate.probeEnv.scope, timeoutMs }),
        ...ctxExtra,
    };
    return {
        dir,
        stack,
        clock,
        ctx,
        logs,
        auditLog,
        setFailoverConfig(fields) {
            const key = "multicloud-dr:failover";
            stack.config[key] = { value: JSON.stringify({ ...JSON.parse(stack.config[key].value), ...fields }), secret: false };
        },
        cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
}
