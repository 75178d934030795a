import { effectiveDataSite, EXIT, isSite, Site, SITES } from "../../topology";
import { evidenceOf, LastFlip, ProbeEvidence } from "../audit";
import { CertificateReading, certificateLine } from "../probes/certificateDays";
import { APP_PROBE_NAME, requiredProbesForSite } from "../probes/plan";
import { measureStackReplication, ReplicationMeasurement, replicationLine } from "../probes/replication";
import { deployedDataSite, deployedWriteRegion } from "../fence/dataMove";
import { clockProblem, cooldownStart, cooldownState } from "../rules/cooldown";
import { checkTargetHealth } from "../rules/targetHealth";
import { readStackState } from "../stackState";
import { escapeControl } from "../terminalText";
import { DrContext, OperationResult } from "./context";
import { interruptedFlipState } from "./interruptedFlip";

export type SiteHealth = {
    readonly healthy: boolean;
    readonly detail: string;
};

export type StatusData = {
    readonly stack: string;
    /** Where traffic is: the deployed active site (config's while nothing was deployed yet). */
    readonly servingSite: Site;
    readonly activeSite: Site;
    readonly homeSite: Site;
    readonly linodeActiveRegion: string;
    readonly deployed: { readonly activeSite?: string; readonly linodeActiveRegion?: string };
    readonly pending: readonly string[];
    readonly sites: Readonly<Record<Site, SiteHealth>>;
    readonly probes: readonly ProbeEvidence[];
    readonly lastFlip?: LastFlip;
    readonly cooldownRemainingSeconds: number;
    /** Days left on the certificate each HTTPS site endpoint serves (SNI: the app hostname). */
    readonly certificates: readonly CertificateReading[];
    /** The data site, write region and epoch the last update published. */
    readonly data: { readonly dataSite: Site; readonly writeRegion: string; readonly epoch: number };
    /** Replication lag from the write region to every other table region (a canary); absent without DynamoDB access. */
    readonly replication?: ReplicationMeasurement;
};

/** Where traffic is deployed to (and any flip pending), the last flip, the cooldown, and every probe. */
export async function status(ctx: DrContext): Promise<OperationResult<StatusData>> {
    const state = await readStackState(ctx.stack);
    const { cfg, outputs } = state;
    const [results, certificates, replication] = await Promise.all([ctx.probe(state), ctx.certificates?.(state) ?? [], measureStackReplication(ctx, state)]);
    const data = { dataSite: deployedDataSite(state), writeRegion: deployedWriteRegion(state), epoch: outputs.epoch ?? cfg.dataEpoch };
    const sites = Object.fromEntries(
        SITES.map((site) => {
            const verdict = checkTargetHealth(results, requiredProbesForSite(cfg, site), site, false);
            return [site, { healthy: verdict.ok, detail: verdict.message }];
        }),
    ) as Record<Site, SiteHealth>;
    const serving = isSite(outputs.activeSite) ? outputs.activeSite : cfg.activeSite;
    const region = outputs.linodeActiveRegion ?? cfg.linodeActiveRegion;
    const pendingSite = serving !== cfg.activeSite ? ` (flip to ${cfg.activeSite} pending)` : "";
    const pendingRegion = region !== cfg.linodeActiveRegion ? ` (move to ${cfg.linodeActiveRegion} pending)` : "";
    const pending = [
        pendingSite ? `activeSite: config ${cfg.activeSite}, deployed ${serving}` : undefined,
        pendingRegion ? `linodeActiveRegion: config ${cfg.linodeActiveRegion}, deployed ${region}` : undefined,
        effectiveDataSite(cfg) !== data.dataSite ? `dataSite: config ${effectiveDataSite(cfg)}, deployed ${data.dataSite}` : undefined,
    ].filter((p): p is string => p !== undefined);
    const last = state.lastFlip;
    const cooldown = cooldownState(cooldownStart(last), ctx.clock.now(), cfg.failover.cooldownSeconds);
    const app = results.find((r) => r.name === APP_PROBE_NAME);
    const healthy = sites[serving].healthy;
    const lines = [
        `stack ${state.stack}: active site ${serving}${pendingSite} (home ${cfg.homeSite}), Linode region ${region}${pendingRegion}, writes to ${data.writeRegion} (data site ${data.dataSite}, epoch ${data.epoch})`,
        pending.length > 0 ? `pending (config differs from the last update; re-run the flip to converge, or flip back to undo): ${pending.join("; ")}` : "deployed state matches config",
        ...SITES.map((site) => `  ${site}: ${sites[site].healthy ? "healthy" : `UNHEALTHY (${sites[site].detail})`}`),
        app ? `  app hostname: ${app.status} (${app.detail})` : undefined,
        ...certificates.map((c) => escapeControl(certificateLine(c))),
        replication ? replicationLine(replication) : undefined,
        last ? lastFlipLine(last, interruptedFlipState(last, outputs)) : "last flip: none recorded",
        cooldown.remainingSeconds > 0 ? `cooldown: next flip allowed in ${cooldown.remainingSeconds}s${cooldown.futureBySeconds ? ` (${clockProblem(cooldown)})` : ""}` : "cooldown: none",
    ].filter((l): l is string => l !== undefined);
    return {
        exitCode: healthy ? EXIT.OK : EXIT.FAILED,
        message: lines.join("\n"),
        failureLine: healthy ? undefined : `the active site ${serving} is UNHEALTHY: ${sites[serving].detail}`,
        data: {
            stack: state.stack,
            servingSite: serving,
            activeSite: cfg.activeSite,
            homeSite: cfg.homeSite,
            linodeActiveRegion: cfg.linodeActiveRegion,
            deployed: { activeSite: outputs.activeSite, linodeActiveRegion: outputs.linodeActiveRegion },
            pending,
            sites,
            probes: evidenceOf(results),
            lastFlip: last,
            cooldownRemainingSeconds: cooldown.remainingSeconds,
            certificates,
            data,
            ...(replication ? { replication } : {}),
        },
    };
}

/** lastFlip comes from stack config, which may have been edited by hand: every field is escaped. */
function lastFlipLine(last: LastFlip, interrupted: ReturnType<typeof interruptedFlipState>): string {
    const state =
        interrupted === "deployed"
            ? "was interrupted after its update started; the update deployed it (the next flip command records it as succeeded)"
            : interrupted === "not-deployed"
              ? "is still pending: its update has not deployed it (re-run the flip to converge, or flip back to undo)"
              : `(${last.outcome}${last.undo ? ", undo" : ""})`;
    return escapeControl(`last flip: ${last.action} ${last.from} -> ${last.to} by ${last.who} at ${last.at} ${state}: ${last.reason}`);
}
