import * as assert from "assert";
import type { RecordedResource } from "../../offline";
import { resourceNamed, setProperty, urnOf } from "./fixtures";
import { describeCases, violated } from "./helpers";
import { happyEstate } from "./fixtures";

/** Changes one field of a JSON policy property of a resource, parsed, and writes it back as JSON. */
function editDocument(estate: RecordedResource[], name: string, property: string, edit: (doc: any) => void): RecordedResource[] {
    const doc = JSON.parse(resourceNamed(estate, name).inputs[property]);
    edit(doc);
    return setProperty(estate, name, property, JSON.stringify(doc));
}

function withResource(estate: RecordedResource[], type: string, name: string, inputs: Record<string, unknown>): RecordedResource[] {
    const urn = urnOf(type, name);
    return [...estate, { type, name, urn, custom: true, id: `${name}-id`, protect: false, inputs, outputs: inputs, placeholders: [], dependencies: [], propertyDependencies: {} }];
}

describe("policy: identity", () => {
    describeCases([
        { title: "an access key", violates: ["aws-no-long-lived-keys"], change: (e) => withResource(e, "aws:iam/accessKey:AccessKey", "ci-key", { user: "ci" }) },
        { title: "an IAM user", violates: ["aws-no-long-lived-keys"], change: (e) => withResource(e, "aws:iam/user:User", "ci", { name: "ci" }) },
        { title: "a statement on every resource", violates: ["aws-app-role-no-wildcard-resource"], change: (e) => editDocument(e, "app-access", "policy", (d) => { d.Statement[1].Resource = "*"; }) },
        { title: "a table in any account", violates: ["aws-app-role-no-wildcard-resource"], change: (e) => editDocument(e, "app-access", "policy", (d) => { d.Statement[0].Resource[0] = "arn:aws:dynamodb:us-east-1:*:table/dr-app"; }) },
        { title: "NotResource", violates: ["aws-app-role-no-wildcard-resource"], change: (e) => editDocument(e, "app-access", "policy", (d) => { d.Statement[1].NotResource = d.Statement[1].Resource; delete d.Statement[1].Resource; }) },
        { title: "trust in an AWS account", violates: ["aws-app-role-federated-trust"], change: (e) => editDocument(e, "app-role", "assumeRolePolicy", (d) => { d.Statement[0].Principal = { AWS: "arn:aws:iam::123456789012:root" }; }) },
        { title: "web identity trust without a subject", violates: ["aws-app-role-federated-trust"], change: (e) => editDocument(e, "app-role", "assumeRolePolicy", (d) => { delete d.Statement[0].Condition.StringEquals["accounts.google.com:sub"]; }) },
        { title: "a federated principal allowed plain AssumeRole", violates: ["aws-app-role-federated-trust"], change: (e) => editDocument(e, "app-role", "assumeRolePolicy", (d) => { d.Statement[0].Action = "sts:AssumeRole"; }) },
        { title: "a service other than Roles Anywhere", violates: ["aws-app-role-federated-trust"], change: (e) => editDocument(e, "app-role", "assumeRolePolicy", (d) => { d.Statement[0].Principal = { Service: "ec2.amazonaws.com" }; delete d.Statement[0].Condition; }) },
    ]);

    it("accepts a Roles Anywhere trust", async () => {
        const estate = editDocument(happyEstate(), "app-role", "assumeRolePolicy", (d) => {
            d.Statement[0] = { Effect: "Allow", Principal: { Service: "rolesanywhere.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"] };
        });
        assert.deepStrictEqual((await violated(estate)).filter((p) => p.startsWith("aws-")), []);
    });

    it("leaves policies unknown in a preview alone", async () => {
        const estate = setProperty(setProperty(happyEstate(), "app-role", "assumeRolePolicy", undefined), "app-access", "policy", undefined);
        assert.deepStrictEqual((await violated(estate)).filter((p) => p.startsWith("aws-")), []);
    });
});
