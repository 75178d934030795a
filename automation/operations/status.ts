import { decideFailover, EXIT, isSite, Site, SITES } from "../../topology";
import { evidenceOf } from "../audit";
import { APP_PROBE_NAME, requiredProbesForSite } from "../probes/plan";
import { cooldownRemainingSeconds } from "../rules/cooldown";
import { checkTargetHealth } from "../rules/targetHealth";
import { readStackState } from "../stackState";
import { DrContext, OperationResult } from "./context";

/** Where traffic is configured and deployed to, whether a flip is pending, the cooldown, and every probe. */
export async function status(ctx: DrContext): Promise<OperationResult> {
    const state = await readStackState(ctx.stack);
    const { cfg, outputs } = state;
    const results = await ctx.probe(state);
    const sites = Object.fromEntries(
        SITES.map((site) => {
            const verdict = checkTargetHealth(results, requiredProbesForSite(cfg, site), site, false);
            return [site, { healthy: verdict.ok, detail: verdict.message }];
        }),
    ) as Record<Site, { healthy: boolean; detail: string }>;
    const deployedActive = isSite(outputs.activeSite) ? outputs.activeSite : undefined;
    const serving = deployedActive ?? cfg.activeSite;
    const pending = [
        outputs.activeSite !== undefined && outputs.activeSite !== cfg.activeSite ? `activeSite: config ${cfg.activeSite}, deployed ${outputs.activeSite}` : undefined,
        outputs.linodeActiveRegion !== undefined && outputs.linodeActiveRegion !== cfg.linodeActiveRegion
            ? `linodeActiveRegion: config ${cfg.linodeActiveRegion}, deployed ${outputs.linodeActiveRegion}`
            : undefined,
    ].filter((p): p is string => p !== undefined);
    const last = state.lastFlip;
    const cooldownLeft = last && ["succeeded", "up-failed", "pending"].includes(last.outcome) ? cooldownRemainingSeconds(Date.parse(last.at), ctx.clock.now(), cfg.failover.cooldownSeconds) : 0;
    const app = results.find((r) => r.name === APP_PROBE_NAME);
    const healthy = sites[serving].healthy;
    const lines = [
        `stack ${state.stack}: active site ${cfg.activeSite} (home ${cfg.homeSite}), Linode region ${cfg.linodeActiveRegion}, writes to ${decideFailover(cfg).writeRegion}`,
        pending.length > 0 ? `pending (config differs from the last update; re-run the flip to converge): ${pending.join("; ")}` : "deployed state matches config",
        ...SITES.map((site) => `  ${site}: ${sites[site].healthy ? "healthy" : "UNHEALTHY"}${sites[site].healthy ? "" : ` (${sites[site].detail})`}`),
        app ? `  app hostname: ${app.status} (${app.detail})` : undefined,
        last ? `last flip: ${last.action} ${last.from} -> ${last.to} by ${last.who} at ${last.at} (${last.outcome}): ${last.reason}` : "last flip: none recorded",
        cooldownLeft > 0 ? `cooldown: next flip allowed in ${cooldownLeft}s` : "cooldown: none",
    ].filter((l): l is string => l !== undefined);
    return {
        exitCode: healthy ? EXIT.OK : EXIT.FAILED,
        message: lines.join("\n"),
        data: {
            stack: state.stack,
            activeSite: cfg.activeSite,
            homeSite: cfg.homeSite,
            linodeActiveRegion: cfg.linodeActiveRegion,
            deployed: { activeSite: outputs.activeSite, linodeActiveRegion: outputs.linodeActiveRegion },
            pending,
            sites,
            probes: evidenceOf(results),
            lastFlip: last,
            cooldownRemainingSeconds: cooldownLeft,
        },
    };
}
