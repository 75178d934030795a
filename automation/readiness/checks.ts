import { appDnsCheck } from "./appDns";
import { certificateCheck } from "./certificates";
import { ReadinessCheck } from "./check";
import { driftCheck } from "./drift";
import { endpointHealthCheck } from "./endpointHealth";
import { linodeDelegationCheck } from "./linodeDelegation";
import { replicationLagCheck } from "./replicationLag";
import { standbyCapacityCheck } from "./standbyCapacity";

/**
 * Every readiness check, in report order. A new check is a file exporting a `ReadinessCheck` and one entry here.
 */
export const READINESS_CHECKS: readonly ReadinessCheck[] = [
    driftCheck,
    endpointHealthCheck,
    certificateCheck,
    appDnsCheck,
    linodeDelegationCheck,
    standbyCapacityCheck,
    replicationLagCheck,
];
