import { Site } from "../../topology";
import { verifySite, VerifyEnvironment, VerifyOutcome } from "../drill/verify";
import { DrContext, OperationResult } from "../operations/context";
import { failover, FlipData, FlipOptions, moveLinodeRegion, switchData } from "../operations/flipOperation";
import { ScaleData, ScaleOptions, scaleStandby, ScaleTarget } from "./scaleOperation";

/**
 * Everything a plan does to one stack, injected so that the step runner is tested with recording fakes.
 * Each is the single-stack operation with its own lock, rules and audit: a plan adds no safety path of its own.
 */
export interface StackOperations {
    failover(ctx: DrContext, to: string, options: FlipOptions): Promise<OperationResult<FlipData>>;
    moveLinodeRegion(ctx: DrContext, to: string, options: FlipOptions): Promise<OperationResult<FlipData>>;
    /** The fenced write-region move (config keys `dataSite`/`dataEpoch`). */
    switchData(ctx: DrContext, to: string, options: FlipOptions): Promise<OperationResult<FlipData>>;
    scale(ctx: DrContext, target: ScaleTarget, options: ScaleOptions): Promise<OperationResult<ScaleData>>;
    /** Traffic reaches `site`: its endpoint through the site agent's probes, and DNS answers. */
    verify(ctx: DrContext, site: Site, timeoutSeconds?: number): Promise<VerifyOutcome>;
}

/** The real operations; `verifyEnv` gives the environment verification runs in (its timeout, by default the stack's RTO target). */
export function realStackOperations(verifyEnv: (timeoutSeconds?: number) => VerifyEnvironment): StackOperations {
    return {
        failover,
        moveLinodeRegion,
        switchData,
        scale: scaleStandby,
        verify: (ctx, site, timeoutSeconds) => verifySite(ctx, verifyEnv(timeoutSeconds), site),
    };
}
