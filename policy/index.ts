import { PolicyPack } from "@pulumi/policy";
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, policies } from "./policies";

// Starts the analyzer gRPC server and prints its port: run only by the Pulumi engine (or a test that spawns it).
new PolicyPack(PACK_NAME, {
    policies,
    enforcementLevel: PACK_ENFORCEMENT_LEVEL,
    description: "multicloud-dr: the disaster-recovery invariants (DynamoDB, Route 53 failover, GKE, GCP load balancing, Linode).",
    displayName: "multicloud-dr DR invariants",
});
