import * as assert from "assert";
import { PolicyConfigError } from "../../topology";
import type { RecordedResource } from "../../offline";
import { happyEstate, setProperty } from "./fixtures";
import { describeCases, violated } from "./helpers";

const same = <T>(estate: T) => estate;
/** The happy estate's table in strong mode: both replicas STRONG (home us-east-1, replicas us-west-2 and us-east-2). */
const strong = (e: RecordedResource[]) => setProperty(setProperty(e, "table", "replicas.0.consistencyMode", "STRONG"), "table", "replicas.1.consistencyMode", "STRONG");
/** Strong mode with one replica (us-east-2) and a witness in us-west-2. */
const witnessed = (e: RecordedResource[]) =>
    setProperty(setProperty(setProperty(e, "table", "replicas", [{ regionName: "us-east-2", pointInTimeRecovery: true, propagateTags: true }]), "table", "replicas.0.consistencyMode", "STRONG"), "table", "globalTableWitness", { regionName: "us-west-2" });
const MRSC = ["dynamodb-strong-consistency"];

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
        { title: "strong: one replica EVENTUAL", violates: MRSC, from: strong, change: (e) => setProperty(e, "table", "replicas.1.consistencyMode", "EVENTUAL") },
        { title: "strong: one replica's mode unset (EVENTUAL)", violates: MRSC, from: strong, change: (e) => setProperty(e, "table", "replicas.0.consistencyMode", undefined) },
        { title: "strong: a witness beside two STRONG replicas", violates: MRSC, from: strong, change: (e) => setProperty(e, "table", "globalTableWitness", { regionName: "us-west-1" }) },
        { title: "strong: a replica outside the US MRSC set", violates: MRSC, from: strong, change: (e) => setProperty(e, "table", "replicas.1.regionName", "eu-west-1") },
        { title: "strong: one STRONG replica and no witness", violates: MRSC, from: witnessed, change: (e) => setProperty(e, "table", "globalTableWitness", undefined) },
        { title: "strong: the witness in a table region", violates: MRSC, from: witnessed, change: (e) => setProperty(e, "table", "globalTableWitness.regionName", "us-east-2") },
        { title: "strong: the witness outside the MRSC set", violates: MRSC, from: witnessed, change: (e) => setProperty(e, "table", "globalTableWitness.regionName", "eu-west-1") },
        { title: "eventual: a witness beside EVENTUAL replicas", violates: MRSC, change: (e) => setProperty(e, "table", "globalTableWitness", { regionName: "us-west-1" }) },
        { title: "fewer replicas than the configured minimum", violates: ["dynamodb-has-replica"], change: same, config: { "dynamodb-has-replica": { minReplicas: 3 } } },
    ]);

    it("passes both strong layouts: two STRONG replicas, and one STRONG replica with a witness", async () => {
        assert.deepStrictEqual(await violated(strong(happyEstate())), []);
        assert.deepStrictEqual(await violated(witnessed(happyEstate())), []);
    });

    it("rejects a minimum of zero replicas in config, naming the policy", async () => {
        await assert.rejects(
            violated(happyEstate(), { "dynamodb-has-replica": { minReplicas: 0 } }),
            (error: Error) => error instanceof PolicyConfigError && /dynamodb-has-replica/.test(error.message) && /minReplicas/.test(error.message),
        );
    });
});
