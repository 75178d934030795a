import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AuditEntry, readAuditLog } from "../../automation/audit";
import { CliRun, runCliChild, runCliInProcess } from "../support/cli";
import { closedPort, createTable, HealthServer, LocalDynamo, startDynalite, startHealthServer } from "./localServers";
import { createStubPulumi, stagingOutputs, StubPulumi } from "./stubPulumi";

/**
 * The estate the CLI end-to-end tests run against: the staging stack on a stub pulumi, dynalite with the canary
 * item, health servers for gcp and linode us-east (healthy) and us-central (HTTP 500), and a state directory.
 * Each test file starts its own, so the files run in parallel workers without sharing state.
 */
export interface E2eEstate {
    readonly stub: StubPulumi;
    readonly stateDir: string;
    /** The tool's environment: everything on loopback. */
    env(): Record<string, string>;
    /** bin/multicloud-dr in a child process. */
    dr(args: string[], env?: Record<string, string>): Promise<CliRun>;
    /** The same CLI in this process (saves a process start per case); the stub pulumi still runs as a process. */
    drInProcess(args: string[], env?: Record<string, string>): Promise<CliRun>;
    config(key: string): string | undefined;
    deployed(key: string): string | undefined;
    audit(): AuditEntry[];
    configWrites(): string[][];
    /** Config and deployed state both at `site`, as after a finished flip, with no lastFlip (past any cooldown). */
    settle(site: string): void;
    close(): Promise<void>;
}

export async function startE2eEstate(): Promise<E2eEstate> {
    const dynamo: LocalDynamo = await startDynalite();
    await createTable(dynamo, "dr-app-staging", { pk: "dr-canary", sk: "dr-canary" });
    const servers: HealthServer[] = await Promise.all([
        startHealthServer({ status: 200, body: "ok" }),
        startHealthServer({ status: 200, body: "ok" }),
        startHealthServer({ status: 500, body: "down" }),
    ]);
    const [gcp, usEast, usCentral] = servers;
    const stub = createStubPulumi({
        staging: {
            outputs: stagingOutputs({ gcp: gcp.url, usEast: usEast.url, usCentral: usCentral.url }),
        },
    });
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-e2e-"));
    // Nothing listens here: the app-hostname probe (informational) fails fast, on loopback.
    const appPort = await closedPort();
    const env = (): Record<string, string> => ({
        MULTICLOUD_DR_PULUMI_ROOT: stub.root,
        MULTICLOUD_DR_STATE_DIR: stateDir,
        MULTICLOUD_DR_LOOPBACK_ONLY: "1",
        MULTICLOUD_DR_DYNAMODB_ENDPOINT: dynamo.endpoint,
        MULTICLOUD_DR_CONNECT_TO: `app.staging.example.com:443=127.0.0.1:${appPort}`,
        MULTICLOUD_DR_ACTOR: "oncall-bot",
        AWS_ACCESS_KEY_ID: "local",
        AWS_SECRET_ACCESS_KEY: "local",
        AWS_REGION: "us-east-1",
    });
    return {
        stub,
        stateDir,
        env,
        dr: (args, extra = {}) => runCliChild(args, { HOME: stateDir, ...env(), ...extra }),
        drInProcess: (args, extra = {}) => runCliInProcess(args, { ...env(), ...extra }),
        config: (key) => stub.stack("staging").config[`multicloud-dr:${key}`]?.value,
        deployed: (key) => stub.stack("staging").deployed[`multicloud-dr:${key}`],
        audit: () => readAuditLog(path.join(stateDir, "audit.jsonl")),
        configWrites: () => stub.calls().filter((c) => c[0] === "config" && (c[1] === "set" || c[1] === "rm")),
        settle: (site) =>
            stub.update("staging", (s) => {
                s.config["multicloud-dr:activeSite"].value = site;
                s.deployed["multicloud-dr:activeSite"] = site;
                delete s.config["multicloud-dr:lastFlip"];
            }),
        close: async () => {
            await Promise.all([...servers.map((s) => s.close()), dynamo.close()]);
            stub.remove();
            fs.rmSync(stateDir, { recursive: true, force: true });
        },
    };
}
