import * as assert from "assert";
import { Evaluation } from "../../offline";
import { cachedEvaluate } from "../support/cachedEvaluations";
import { changedUrns, named, urnsOf } from "../support/resources";

const typeOf = (urn: string) => urn.split("::")[2].split("$").pop();

describe("failover flips", () => {
    let base: Evaluation;
    let toLinode: Evaluation;
    let toCentral: Evaluation;
    let dataToLinode: Evaluation;
    before(async () => {
        dataToLinode = await cachedEvaluate("staging", { overrides: { dataSite: "linode", dataEpoch: "1" } });
        base = await cachedEvaluate("staging");
        toLinode = await cachedEvaluate("staging", { overrides: { activeSite: "linode" } });
        toCentral = await cachedEvaluate("staging", { overrides: { linodeActiveRegion: "us-central" } });
    });

    describe("dataSite gcp -> linode with a new epoch (switch-data)", () => {
        it("changes only the published parameters: the write region and epoch move, the active site stays", () => {
            const changed = changedUrns(base.resources, dataToLinode.resources).map(typeOf);
            assert.deepStrictEqual(changed, ["aws:ssm/parameter:Parameter", "aws:ssm/parameter:Parameter", "aws:ssm/parameter:Parameter"]);
            const param = named(dataToLinode.resources, "dr-staging-us-east-1");
            assert.deepStrictEqual(JSON.parse(param.inputs.insecureValue), { activeSite: "gcp", writeRegion: "us-east-2", epoch: 1 });
            assert.deepStrictEqual([(dataToLinode.outputs as any).dataSite, (dataToLinode.outputs as any).epoch, (dataToLinode.outputs as any).writeRegion], ["linode", 1, "us-east-2"]);
        });
    });

    describe("activeSite gcp -> linode", () => {
        it("creates and deletes nothing", () => {
            assert.deepStrictEqual(urnsOf(toLinode.resources), urnsOf(base.resources));
        });

        it("changes only the two failover records and the published parameters", () => {
            const changed = changedUrns(base.resources, toLinode.resources).map(typeOf).sort();
            assert.deepStrictEqual(changed, [
                "aws:route53/record:Record",
                "aws:route53/record:Record",
                "aws:ssm/parameter:Parameter",
                "aws:ssm/parameter:Parameter",
                "aws:ssm/parameter:Parameter",
            ]);
        });

        it("swaps the records' values in place, keeping their identities", () => {
            const [bp, bs] = [named(base.resources, "dr-staging-primary"), named(base.resources, "dr-staging-secondary")];
            const [ap, as] = [named(toLinode.resources, "dr-staging-primary"), named(toLinode.resources, "dr-staging-secondary")];
            assert.deepStrictEqual(ap.inputs.records, bs.inputs.records);
            assert.deepStrictEqual(as.inputs.records, bp.inputs.records);
            assert.strictEqual(ap.inputs.healthCheckId, bs.inputs.healthCheckId);
            assert.strictEqual(as.inputs.healthCheckId, bp.inputs.healthCheckId);
            for (const [b, a] of [[bp, ap], [bs, as]]) {
                assert.strictEqual(a.inputs.setIdentifier, b.inputs.setIdentifier);
                assert.deepStrictEqual(a.inputs.failoverRoutingPolicies, b.inputs.failoverRoutingPolicies);
                assert.strictEqual(a.inputs.name, b.inputs.name);
            }
        });

        it("publishes linode and its write region", () => {
            const param = named(toLinode.resources, "dr-staging-us-east-1");
            assert.deepStrictEqual(JSON.parse(param.inputs.insecureValue), { activeSite: "linode", writeRegion: "us-east-2", epoch: 0 });
            assert.strictEqual((toLinode.outputs as any).writeRegion, "us-east-2");
        });

        it("leaves tables, clusters, node pools, instances, NodeBalancers and health checks untouched", () => {
            const stateful = /dynamodb\/table|container\/cluster|container\/nodePool|index\/instance:|nodeBalancer|healthCheck/;
            const touched = changedUrns(base.resources, toLinode.resources).filter((urn) => stateful.test(typeOf(urn) ?? ""));
            assert.deepStrictEqual(touched, []);
        });

        it("flips back to exactly the starting declarations", async () => {
            const back = await cachedEvaluate("staging", { overrides: { activeSite: "gcp" } });
            assert.deepStrictEqual(changedUrns(base.resources, back.resources), []);
        });
    });

    describe("linodeActiveRegion us-east -> us-central", () => {
        it("creates and deletes nothing", () => {
            assert.deepStrictEqual(urnsOf(toCentral.resources), urnsOf(base.resources));
        });

        it("moves the Linode app record and the Route 53 record that serves Linode, and nothing else", () => {
            const changed = changedUrns(base.resources, toCentral.resources).map((urn) => urn.split("::").pop()).sort();
            assert.deepStrictEqual(changed, ["dr-staging-app-record", "dr-staging-secondary"]);
        });

        it("points both at the us-central NodeBalancer and its health check", () => {
            const nbIp = named(toCentral.resources, "dr-staging-us-central-nb").outputs.ipv4;
            assert.strictEqual(named(toCentral.resources, "dr-staging-app-record").inputs.target, nbIp);
            const secondary = named(toCentral.resources, "dr-staging-secondary");
            assert.deepStrictEqual(secondary.inputs.records, [nbIp]);
            assert.strictEqual(secondary.inputs.healthCheckId, named(toCentral.resources, "dr-staging-hc-linode-us-central").id);
        });
    });
});
