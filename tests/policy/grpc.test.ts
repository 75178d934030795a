import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { policies } from "../../policy/policies";
import { UNKNOWN_STRING_SENTINEL } from "../../policy/policies/values";
import type { RecordedResource } from "../../offline";
import { REGISTER_HOOK } from "../support/registerHook";
import { happyEstate, resourceNamed, setProperty } from "./fixtures";

const POLICY_DIR = path.resolve(__dirname, "../../policy");
const { EnforcementLevel } = analyzer;

/**
 * The pack run for real, as the engine runs it: its index.ts started as a process in the pack's directory,
 * printing the port of its analyzer gRPC server, then configured and called over gRPC.
 */
describe("policy: the pack as the engine runs it (gRPC analyzer)", () => {
    let child: ChildProcess;
    let client: AnalyzerClient;

    const call = <Req, Res>(method: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown, request: Req): Promise<Res> =>
        new Promise((resolve, reject) => method.call(client, request, (err, res) => (err ? reject(err) : resolve(res))));
    const analyze = (request: analyzer.AnalyzeRequest) => call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(client.analyze, request);
    const analyzeStack = (request: analyzer.AnalyzeStackRequest) => call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(client.analyzeStack, request);

    before(async () => {
        child = spawn(process.execPath, ["-r", REGISTER_HOOK, "index.ts"], { cwd: POLICY_DIR, stdio: ["ignore", "pipe", "pipe"] });
        const port = await firstLine(child);
        client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());

        // As `pulumi preview --policy-pack policy --policy-pack-config config.json` would, with a config that
        // lowers one policy to advisory and tightens its threshold, and tightens another's threshold.
        const request = new analyzer.ConfigureAnalyzerRequest();
        request.getPolicyconfigMap().set("route53-failover-ttl", policyConfig(EnforcementLevel.ADVISORY, { maxTtlSeconds: 30 }));
        request.getPolicyconfigMap().set("route53-health-check-threshold", policyConfig(EnforcementLevel.MANDATORY, { maxFailureThreshold: 2 }));
        await call(client.configure, request);
    });

    after(() => {
        client?.close();
        child?.kill();
    });

    it("describes every policy of the pack, with its level and config schema", async () => {
        const info = await call<Empty, analyzer.AnalyzerInfo>(client.getAnalyzerInfo, new Empty());
        assert.strictEqual(info.getName(), "multicloud-dr");
        assert.strictEqual(info.getVersion(), "0.1.0");
        assert.deepStrictEqual(info.getPoliciesList().map((p) => p.getName()), policies.map((p) => p.name));
        const ttl = info.getPoliciesList().find((p) => p.getName() === "route53-failover-ttl");
        assert.strictEqual(ttl?.getEnforcementlevel(), EnforcementLevel.MANDATORY);
        assert.strictEqual((ttl?.getConfigschema()?.getProperties()?.toJavaScript() as any).maxTtlSeconds.default, 60);
    });

    it("analyze: a failover record over the configured TTL gives an advisory diagnostic; its unknown health check id passes", async () => {
        const record = resourceNamed(happyEstate(), "app-primary");
        const props = { ...record.inputs, healthCheckId: UNKNOWN_STRING_SENTINEL, records: [UNKNOWN_STRING_SENTINEL] };
        const response = await analyze(analyzeRequest(record, props));
        assert.deepStrictEqual(diagnostics(response), [["route53-failover-ttl", EnforcementLevel.ADVISORY]]);
        assert.match(response.getDiagnosticsList()[0].getMessage(), /TTL is 60; at most 30 seconds/);
    });

    it("analyze: a health check over the configured failure threshold gives a mandatory diagnostic", async () => {
        const check = resourceNamed(happyEstate(), "health-gcp");
        const response = await analyze(analyzeRequest(check, check.inputs));
        assert.deepStrictEqual(diagnostics(response), [["route53-health-check-threshold", EnforcementLevel.MANDATORY]]);
    });

    it("analyze: policies for other types are skipped and reported not applicable", async () => {
        const table = resourceNamed(happyEstate(), "table");
        const response = await analyze(analyzeRequest(table, table.inputs));
        assert.deepStrictEqual(diagnostics(response), []);
        const skipped = response.getNotApplicableList().find((n) => n.getPolicyName() === "route53-failover-ttl");
        assert.strictEqual(skipped?.getReason(), "Policy only applies to resources of type 'aws:route53/record:Record'");
    });

    it("analyzeStack: the happy estate passes; without the SECONDARY's health check it is flagged on that record", async () => {
        const happy = await analyzeStack(stackRequest(happyEstate()));
        assert.deepStrictEqual(diagnostics(happy), []);

        const broken = setProperty(happyEstate(), "app-secondary", "healthCheckId", undefined);
        const response = await analyzeStack(stackRequest(broken));
        assert.deepStrictEqual(diagnostics(response), [["failover-target-health-check", EnforcementLevel.MANDATORY]]);
        assert.strictEqual(response.getDiagnosticsList()[0].getUrn(), resourceNamed(broken, "app-secondary").urn);
    });

    it("analyzeStack: relationships come from property dependencies when ids are unknown", async () => {
        const estate = happyEstate({ preview: true });
        const happy = await analyzeStack(stackRequest(estate));
        assert.deepStrictEqual(diagnostics(happy), []);

        const unattached = setProperty(happyEstate({ preview: true }), "linode-us-east-0", "firewallId", 999);
        const response = await analyzeStack(stackRequest(unattached));
        assert.deepStrictEqual(diagnostics(response), [["linode-instance-firewalled", EnforcementLevel.MANDATORY]]);
    });
});

function firstLine(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
        let out = "";
        let err = "";
        child.stderr?.on("data", (chunk) => (err += chunk));
        child.stdout?.on("data", (chunk) => {
            out += chunk;
            const newline = out.indexOf("\n");
            if (newline >= 0) {
                resolve(out.slice(0, newline).trim());
            }
        });
        child.on("exit", (code) => reject(new Error(`policy pack exited (${code}) before printing its port: ${err}`)));
    });
}

function policyConfig(level: analyzer.EnforcementLevel, properties: Record<string, unknown>): analyzer.PolicyConfig {
    const config = new analyzer.PolicyConfig();
    config.setEnforcementlevel(level);
    config.setProperties(Struct.fromJavaScript(properties as any));
    return config;
}

/** Props as the engine marshals them: values not known yet (absent, with dependencies) as the unknown sentinel. */
function engineProps(resource: RecordedResource, values: Record<string, unknown>): Struct {
    const props: Record<string, unknown> = JSON.parse(JSON.stringify(values, (_key, value) => (value === undefined ? null : value)));
    const unknownElements = (value: unknown): unknown => (Array.isArray(value) ? value.map((v) => (v === null ? UNKNOWN_STRING_SENTINEL : unknownElements(v))) : value);
    for (const [key, deps] of Object.entries(resource.propertyDependencies)) {
        if (deps.length > 0) {
            props[key] = props[key] === undefined ? UNKNOWN_STRING_SENTINEL : unknownElements(props[key]);
        }
    }
    return Struct.fromJavaScript(props as any);
}

function analyzeRequest(resource: RecordedResource, props: Record<string, unknown>): analyzer.AnalyzeRequest {
    const request = new analyzer.AnalyzeRequest();
    request.setType(resource.type);
    request.setName(resource.name);
    request.setUrn(resource.urn);
    request.setProperties(Struct.fromJavaScript(props as any));
    request.setOptions(new analyzer.AnalyzerResourceOptions());
    return request;
}

function stackRequest(estate: RecordedResource[]): analyzer.AnalyzeStackRequest {
    const request = new analyzer.AnalyzeStackRequest();
    request.setResourcesList(estate.map((resource) => {
        const r = new analyzer.AnalyzerResource();
        r.setType(resource.type);
        r.setName(resource.name);
        r.setUrn(resource.urn);
        r.setProperties(engineProps(resource, resource.id === undefined ? resource.outputs : { id: resource.id, ...resource.outputs }));
        r.setOptions(new analyzer.AnalyzerResourceOptions());
        r.setDependenciesList(resource.dependencies);
        for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
            const deps = new analyzer.AnalyzerPropertyDependencies();
            deps.setUrnsList(urns);
            r.getPropertydependenciesMap().set(key, deps);
        }
        return r;
    }));
    return request;
}

function diagnostics(response: analyzer.AnalyzeResponse): [string, analyzer.EnforcementLevel][] {
    return response.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getEnforcementlevel()]);
}
