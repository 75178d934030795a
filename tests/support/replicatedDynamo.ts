import * as http from "http";
import { AttributeValue, DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { createTable, listen, LocalDynamo, startDynalite, stopServer } from "../automation/localServers";

/**
 * A STAND-IN FOR DYNAMODB GLOBAL-TABLE REPLICATION, for tests only: dynalite does not replicate. One dynalite per
 * "region", each behind a loopback proxy that forwards every request; when a write (PutItem, UpdateItem,
 * DeleteItem) succeeds, the proxy reads the item's new state from that region and, `lagMs` later (by `now`, which
 * may be a fake clock), copies it to every other region, last writer wins. `pause()` holds every copy until
 * `resume()`. Due copies are applied before the proxy forwards any request, and by a timer in real time, so reads
 * see exactly what replication has delivered by then. It models only what the fence and the replication
 * measurement rely on (a write in one region shows up in the others after a lag); nothing about AWS's real
 * replication (ordering, conflict timestamps, streams) is modelled.
 */
export interface ReplicatedDynamo {
    readonly regions: readonly string[];
    /** The proxy of a region: what the tool and the tests talk to. */
    endpoint(region: string): string;
    /** `region=url,...`, the `--dynamodb-endpoint` / `MULTICLOUD_DR_DYNAMODB_ENDPOINT` form. */
    readonly endpoints: string;
    /** A client of a region (through its proxy, so its writes replicate). */
    client(region: string): DynamoDBClient;
    /** Replication lag for writes from now on. */
    lagMs: number;
    pause(): void;
    resume(): void;
    /** Copies not yet applied. */
    pending(): number;
    close(): Promise<void>;
}

interface Copy {
    readonly from: string;
    readonly table: string;
    readonly key: Record<string, AttributeValue>;
    readonly item?: Record<string, AttributeValue>;
    readonly dueAt: number;
}

export interface ReplicatedDynamoOptions {
    readonly regions: readonly string[];
    readonly tableName: string;
    /** The canary item's key, created in every region. */
    readonly canary?: Record<string, string>;
    readonly lagMs?: number;
    /** The clock replication follows (default real time). */
    readonly now?: () => number;
    /** The table's key attributes. */
    readonly keyNames?: readonly string[];
}

const WRITES = new Set(["PutItem", "UpdateItem", "DeleteItem"]);

export async function startReplicatedDynamo(options: ReplicatedDynamoOptions): Promise<ReplicatedDynamo> {
    const now = options.now ?? Date.now;
    const keyNames = options.keyNames ?? ["pk", "sk"];
    const dynamos: Record<string, LocalDynamo> = {};
    for (const region of options.regions) {
        dynamos[region] = await startDynalite();
        await createTable(dynamos[region], options.tableName, options.canary);
    }
    const direct: Record<string, DynamoDBClient> = Object.fromEntries(options.regions.map((r) => [r, dynamos[r].client(r)]));
    const queue: Copy[] = [];
    const timers = new Set<NodeJS.Timeout>();
    let paused = false;
    let flushing = Promise.resolve();

    const flushDue = (): Promise<void> => {
        flushing = flushing.then(async () => {
            while (!paused && queue.length > 0 && queue[0].dueAt <= now()) {
                const copy = queue.shift()!;
                for (const region of options.regions.filter((r) => r !== copy.from)) {
                    if (copy.item) {
                        await direct[region].send(new PutItemCommand({ TableName: copy.table, Item: copy.item }));
                    } else {
                        await direct[region].send(new DeleteItemCommand({ TableName: copy.table, Key: copy.key }));
                    }
                }
            }
        });
        return flushing;
    };

    const state = { lagMs: options.lagMs ?? 0 };
    const proxies: Record<string, { server: http.Server; url: string }> = {};
    for (const region of options.regions) {
        const target = new URL(dynamos[region].endpoint);
        const server = http.createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on("data", (c: Buffer) => chunks.push(c));
            req.on("end", async () => {
                const body = Buffer.concat(chunks);
                await flushDue();
                const forwarded = http.request(
                    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
                    (upstream) => {
                        const out: Buffer[] = [];
                        upstream.on("data", (c: Buffer) => out.push(c));
                        upstream.on("end", async () => {
                            const operation = String(req.headers["x-amz-target"] ?? "").split(".").pop() ?? "";
                            if (upstream.statusCode === 200 && WRITES.has(operation)) {
                                await capture(region, JSON.parse(body.toString("utf8")));
                            }
                            res.writeHead(upstream.statusCode ?? 500, upstream.headers);
                            res.end(Buffer.concat(out));
                        });
                    },
                );
                forwarded.on("error", (err) => {
                    res.writeHead(502);
                    res.end(String(err));
                });
                forwarded.end(body);
            });
        });
        const port = await listen(server);
        proxies[region] = { server, url: `http://127.0.0.1:${port}` };
    }

    async function capture(from: string, request: { TableName: string; Key?: Record<string, AttributeValue>; Item?: Record<string, AttributeValue> }): Promise<void> {
        const key = request.Key ?? Object.fromEntries(keyNames.filter((k) => request.Item?.[k]).map((k) => [k, request.Item![k]]));
        const read = await direct[from].send(new GetItemCommand({ TableName: request.TableName, Key: key, ConsistentRead: true }));
        queue.push({ from, table: request.TableName, key, item: read.Item, dueAt: now() + state.lagMs });
        const timer = setTimeout(() => {
            timers.delete(timer);
            void flushDue();
        }, state.lagMs + 1);
        timers.add(timer);
    }

    const clients: DynamoDBClient[] = [];
    return {
        regions: options.regions,
        endpoint: (region) => proxies[region].url,
        endpoints: options.regions.map((r) => `${r}=${proxies[r].url}`).join(","),
        client: (region) => {
            const client = new DynamoDBClient({ region, endpoint: proxies[region].url, credentials: { accessKeyId: "local", secretAccessKey: "local" } });
            clients.push(client);
            return client;
        },
        get lagMs() {
            return state.lagMs;
        },
        set lagMs(ms: number) {
            state.lagMs = ms;
        },
        pause: () => {
            paused = true;
        },
        resume: () => {
            paused = false;
            void flushDue();
        },
        pending: () => queue.length,
        close: async () => {
            timers.forEach((t) => clearTimeout(t));
            await flushing.catch(() => undefined);
            [...clients, ...Object.values(direct)].forEach((c) => c.destroy());
            await Promise.all(Object.values(proxies).map((p) => stopServer(p.server)));
            await Promise.all(Object.values(dynamos).map((d) => d.close()));
        },
    };
}
