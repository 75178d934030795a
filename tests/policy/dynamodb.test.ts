import * as assert from "assert";
import { PolicyConfigError } from "../../topology";
import { happyEstate, setProperty } from "./fixtures";
import { describeCases, violated } from "./helpers";

const same = <T>(estate: T) => estate;

describe("policy: DynamoDB", () => {
    describeCases([
        { title: "table point-in-time recovery off", violates: ["dynamodb-point-in-time-recovery"], change: (e) => setProperty(e, "table", "pointInTimeRecovery.enabled", false) },
        { title: "table point-in-time recovery not set", violates: ["dynamodb-point-in-time-recovery"], change: (e) => setProperty(e, "table", "pointInTimeRecovery", undefined) },
        { title: "one replica without point-in-time recovery", violates: ["dynamodb-point-in-time-recovery"], change: (e) => setProperty(e, "table", "replicas.1.pointInTimeRecovery", undefined) },
        { title: "deletion protection off", violates: ["dynamodb-deletion-protection"], change: (e) => setProperty(e, "table", "deletionProtectionEnabled", false) },
        { title: "server-side encryption off", violates: ["dynamodb-server-side-encryption"], change: (e) => setProperty(e, "table", "serverSideEncryption.enabled", false) },
        { title: "stream view KEYS_ONLY with replicas", violates: ["dynamodb-replica-streams"], change: (e) => setProperty(e, "table", "streamViewType", "KEYS_ONLY") },
        { title: "streams off with replicas", violates: ["dynamodb-replica-streams"], change: (e) => setProperty(e, "table", "streamEnabled", false) },
        { title: "no replicas", violates: ["dynamodb-has-replica"], change: (e) => setProperty(e, "table", "replicas", []) },
        { title: "a replica in the table's own region", violates: ["dynamodb-has-replica"], change: (e) => setProperty(e, "table", "replicas.0.regionName", "us-east-1") },
        { title: "fewer replicas than the configured minimum", violates: ["dynamodb-has-replica"], change: same, config: { "dynamodb-has-replica": { minReplicas: 3 } } },
    ]);

    it("rejects a minimum of zero replicas in config, naming the policy", async () => {
        await assert.rejects(
            violated(happyEstate(), { "dynamodb-has-replica": { minReplicas: 0 } }),
            (error: Error) => error instanceof PolicyConfigError && /dynamodb-has-replica/.test(error.message) && /minReplicas/.test(error.message),
        );
    });
});
