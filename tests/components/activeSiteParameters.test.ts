import * as assert from "assert";
import { rejectsInput } from "../support/inputErrors";
import { ActiveSiteParameters } from "../../components";
import { evaluateDeclarations } from "../../offline";
import { ofType } from "../support/resources";

describe("ActiveSiteParameters component", () => {
    it("publishes the active site, write region and epoch as one JSON parameter in every table region", async () => {
        const { resources } = await evaluateDeclarations(() => {
            new ActiveSiteParameters("pub", {
                parameterName: "/multicloud-dr/staging/active-site",
                regions: ["us-east-1", "us-west-2"],
                value: { activeSite: "linode", writeRegion: "us-east-2", epoch: 4 },
            });
            return {};
        });
        const params = ofType(resources, "aws:ssm/parameter:Parameter");
        assert.deepStrictEqual(params.map((p) => p.inputs.region), ["us-east-1", "us-west-2"]);
        for (const p of params) {
            assert.strictEqual(p.inputs.name, "/multicloud-dr/staging/active-site");
            assert.strictEqual(p.inputs.type, "String");
            assert.deepStrictEqual(JSON.parse(p.inputs.insecureValue), { activeSite: "linode", writeRegion: "us-east-2", epoch: 4 });
        }
    });

    it("refuses a parameter name that is not a path, naming the property", async () => {
        await rejectsInput(
            evaluateDeclarations(() => (new ActiveSiteParameters("pub", { parameterName: "active", regions: ["us-east-1"], value: { activeSite: "gcp", writeRegion: "us-east-1", epoch: 0 } }), {})),
            "parameterName",
            /must start with \//,
        );
    });

    it("refuses a region listed twice, naming the property", async () => {
        await rejectsInput(
            evaluateDeclarations(() => (new ActiveSiteParameters("pub", { parameterName: "/a", regions: ["us-east-1", "us-east-1"], value: { activeSite: "gcp", writeRegion: "us-east-1", epoch: 0 } }), {})),
            "regions",
            /"us-east-1" more than once/,
        );
    });
});
