/**
 * Where the tool sends DynamoDB requests: one endpoint for every region (`http://127.0.0.1:4567`, a local
 * DynamoDB), or one per region (`us-west-2=http://127.0.0.1:4567,us-east-2=http://127.0.0.1:4568`: tests run a
 * local DynamoDB per region so that replication between them can be observed). Unset: the regional AWS endpoint.
 */
export interface DynamoEndpoints {
    /** The endpoint of every region not in `dynamodbEndpoints`. */
    readonly dynamodbEndpoint?: string;
    /** Region -> endpoint. */
    readonly dynamodbEndpoints?: Readonly<Record<string, string>>;
}

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/** Parses `--dynamodb-endpoint`: a URL, or `region=url` pairs separated by commas. Throws an Error naming the bad part. */
export function parseDynamodbEndpoints(text: string | undefined): DynamoEndpoints {
    const trimmed = (text ?? "").trim();
    if (trimmed === "") {
        return {};
    }
    if (!trimmed.includes("=")) {
        return { dynamodbEndpoint: checkedUrl(trimmed, trimmed) };
    }
    const endpoints: Record<string, string> = {};
    for (const pair of trimmed.split(",").map((p) => p.trim()).filter(Boolean)) {
        const at = pair.indexOf("=");
        const region = pair.slice(0, at);
        if (at < 0 || !REGION.test(region)) {
            throw new Error(`dynamodb-endpoint "${pair}" must be region=url (e.g. us-east-1=http://127.0.0.1:4567), or one URL for every region`);
        }
        if (endpoints[region] !== undefined) {
            throw new Error(`dynamodb-endpoint names ${region} more than once`);
        }
        endpoints[region] = checkedUrl(pair.slice(at + 1), pair);
    }
    return { dynamodbEndpoints: endpoints };
}

/** The endpoint override for one region, or undefined for the AWS regional endpoint. */
export function dynamodbEndpointFor(endpoints: DynamoEndpoints, region: string): string | undefined {
    return endpoints.dynamodbEndpoints?.[region] ?? endpoints.dynamodbEndpoint;
}

function checkedUrl(url: string, context: string): string {
    try {
        const parsed = new URL(url);
        if (parsed.protocol === "http:" || parsed.protocol === "https:") {
            return url;
        }
    } catch {
        // reported below
    }
    throw new Error(`dynamodb-endpoint "${context}" must be an http(s) URL`);
}
