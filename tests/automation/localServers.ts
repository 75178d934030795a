import { execFileSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as os from "os";
import * as path from "path";
import { AddressInfo } from "net";
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";

/** What a test health server answers: status, body and an optional delay. */
export interface HealthBehaviour {
    status: number;
    body: string;
    delayMs?: number;
}

export interface HealthServer {
    readonly url: string;
    readonly port: number;
    behaviour: HealthBehaviour;
    /** Host headers (and TLS server names) of the requests it got. */
    readonly seen: Array<{ host?: string; servername?: string }>;
    close(): Promise<void>;
}

function handler(server: { behaviour: HealthBehaviour; seen: HealthServer["seen"] }) {
    return (req: http.IncomingMessage, res: http.ServerResponse) => {
        server.seen.push({ host: req.headers.host, servername: (req.socket as { servername?: string }).servername });
        const { status, body, delayMs } = server.behaviour;
        const reply = () => {
            res.writeHead(status, { "content-type": "text/plain" });
            res.end(body);
        };
        if (delayMs) {
            setTimeout(reply, delayMs).unref();
        } else {
            reply();
        }
    };
}

/** Listens on a free port of `host`; returns the port. */
export async function listen(server: http.Server | https.Server, host = "127.0.0.1"): Promise<number> {
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    return (server.address() as AddressInfo).port;
}

/** Closes a test server, dropping kept-alive connections so close() does not wait on them. */
export async function stopServer(server: http.Server | https.Server): Promise<void> {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** `host`: another loopback address (127.0.0.2, ...) lets tests tell endpoints apart by address, as DNS does. */
export async function startHealthServer(behaviour: HealthBehaviour, tls?: { key: string; cert: string }, host = "127.0.0.1"): Promise<HealthServer> {
    const state = { behaviour, seen: [] as HealthServer["seen"] };
    const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, handler(state)) : http.createServer(handler(state));
    const port = await listen(server, host);
    const url = `${tls ? "https" : "http"}://${host}:${port}/health`;
    return {
        url,
        port,
        get behaviour() {
            return state.behaviour;
        },
        set behaviour(b) {
            state.behaviour = b;
        },
        seen: state.seen,
        close: () => stopServer(server),
    };
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
    const server = http.createServer();
    const port = await listen(server);
    await stopServer(server);
    return port;
}

/** A self-signed certificate for `hostname`, valid `days` from now, made with openssl; undefined when openssl is not installed. */
export function selfSignedCertificate(hostname: string, days = 1): { key: string; cert: string } | undefined {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-cert-"));
    try {
        execFileSync(
            "openssl",
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", String(days), "-subj", `/CN=${hostname}`, "-addext", `subjectAltName=DNS:${hostname}`, "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")],
            { stdio: "ignore" },
        );
        return { key: fs.readFileSync(path.join(dir, "key.pem"), "utf8"), cert: fs.readFileSync(path.join(dir, "cert.pem"), "utf8") };
    } catch {
        return undefined;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

export interface LocalDynamo {
    readonly endpoint: string;
    client(region: string): DynamoDBClient;
    close(): Promise<void>;
}

/** dynalite in-process on 127.0.0.1 (a real DynamoDB API, no streams or replicas). */
export async function startDynalite(): Promise<LocalDynamo> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dynalite = require("dynalite");
    const server: http.Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    const port = await listen(server);
    const endpoint = `http://127.0.0.1:${port}`;
    return {
        endpoint,
        client: (region) => new DynamoDBClient({ region, endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } }),
        close: () => stopServer(server),
    };
}

/** The stack's table (pk/sk strings) and, optionally, its canary item. */
export async function createTable(dynamo: LocalDynamo, tableName: string, canary?: Record<string, string>): Promise<void> {
    const client = dynamo.client("us-east-2");
    try {
        await client.send(
            new CreateTableCommand({
                TableName: tableName,
                AttributeDefinitions: [
                    { AttributeName: "pk", AttributeType: "S" },
                    { AttributeName: "sk", AttributeType: "S" },
                ],
                KeySchema: [
                    { AttributeName: "pk", KeyType: "HASH" },
                    { AttributeName: "sk", KeyType: "RANGE" },
                ],
                BillingMode: "PAY_PER_REQUEST",
            }),
        );
        // dynalite answers CreateTable before it has stored the table as ACTIVE (a timer, even at createTableMs 0), and
        // until then it answers item requests with ResourceNotFoundException: wait for ACTIVE.
        for (let tries = 0; (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table?.TableStatus !== "ACTIVE"; tries++) {
            if (tries > 200) {
                throw new Error(`table ${tableName} did not become ACTIVE in dynalite`);
            }
            await new Promise((resolve) => setTimeout(resolve, 5));
        }
        if (canary) {
            await client.send(new PutItemCommand({ TableName: tableName, Item: { ...Object.fromEntries(Object.entries(canary).map(([k, v]) => [k, { S: v }])), note: { S: "dr canary" } } }));
        }
    } finally {
        client.destroy();
    }
}
