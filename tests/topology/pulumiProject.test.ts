import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import * as YAML from "yaml";
import { PROJECT_ROOT } from "../../topology";

const schemaPath = path.join(PROJECT_ROOT, "schemas", "pulumi-project.schema.json");
const sharedSchemaPath = path.resolve(PROJECT_ROOT, "..", "shared", "schemas", "pulumi-project.schema.json");

describe("Pulumi.yaml", () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));

    it("validates against the Pulumi project schema", () => {
        const project: { name: string; runtime: { name: string } } = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), "utf8"));
        const valid = validate(project);
        assert.ok(valid, JSON.stringify(validate.errors));
        assert.strictEqual(project.name, "multicloud-dr");
        assert.strictEqual(project.runtime.name, "nodejs");
    });

    it("is checked strictly enough to reject an object-typed config declaration", () => {
        const project = { name: "multicloud-dr", runtime: "nodejs", config: { "multicloud-dr:dns": { type: "object" } } };
        assert.strictEqual(validate(project), false);
    });

    it("uses the same schema as ../shared/schemas, where the workplace provides it", function () {
        if (!fs.existsSync(sharedSchemaPath)) {
            this.skip();
        }
        assert.deepStrictEqual(JSON.parse(fs.readFileSync(schemaPath, "utf8")), JSON.parse(fs.readFileSync(sharedSchemaPath, "utf8")));
    });
});
