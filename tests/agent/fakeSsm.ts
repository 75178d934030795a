import * as http from "node:http";
import { listen, stopServer } from "../automation/localServers";

export interface StoredParameter {
    value: string;
    version: number;
}

export interface FakeSsm {
    readonly endpoint: string;
    /** Parameters by region, then name. A region or name not here answers ParameterNotFound. */
    readonly parameters: Map<string, Map<string, StoredParameter>>;
    /** The signing region of each GetParameter call, in order. */
    readonly calls: string[];
    set(region: string, name: string, value: string): void;
    close(): Promise<void>;
}

/**
 * A loopback SSM that speaks GetParameter on the real wire protocol (AWS JSON 1.1), enough for the
 * SDK's own client. The region a call was meant for is the one in its SigV4 credential scope, as with
 * a single `AWS_ENDPOINT_URL_SSM` every region reaches this one server.
 */
export async function startFakeSsm(): Promise<FakeSsm> {
    const parameters = new Map<string, Map<string, StoredParameter>>();
    const calls: string[] = [];
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            const reply = (status: number, body: unknown) => {
                res.writeHead(status, { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": `fake-${calls.length}` });
                res.end(JSON.stringify(body));
            };
            const region = /Credential=[^/]+\/\d{8}\/([^/]+)\/ssm\/aws4_request/.exec(req.headers.authorization ?? "")?.[1];
            if (req.method !== "POST" || req.url !== "/" || req.headers["content-type"] !== "application/x-amz-json-1.1" || region === undefined) {
                return reply(400, { __type: "SerializationException", message: "expected a signed AWS JSON 1.1 POST to /" });
            }
            if (req.headers["x-amz-target"] !== "AmazonSSM.GetParameter") {
                return reply(400, { __type: "UnknownOperationException", message: `unknown operation ${req.headers["x-amz-target"]}` });
            }
            calls.push(region);
            const name = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { Name?: string }).Name ?? "";
            const stored = parameters.get(region)?.get(name);
            if (!stored) {
                return reply(400, { __type: "ParameterNotFound", message: `Parameter ${name} not found.` });
            }
            reply(200, {
                Parameter: {
                    Name: name,
                    Type: "String",
                    Value: stored.value,
                    Version: stored.version,
                    LastModifiedDate: 1.7637e9,
                    ARN: `arn:aws:ssm:${region}:123456789012:parameter${name}`,
                    DataType: "text",
                },
            });
        });
    });
    const port = await listen(server);
    return {
        endpoint: `http://127.0.0.1:${port}`,
        parameters,
        calls,
        set(region, name, value) {
            const inRegion = parameters.get(region) ?? new Map<string, StoredParameter>();
            parameters.set(region, inRegion);
            inRegion.set(name, { value, version: (inRegion.get(name)?.version ?? 0) + 1 });
        },
        close: () => stopServer(server),
    };
}
