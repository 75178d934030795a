import * as os from "os";
import { randomBytes } from "crypto";
import { SITES } from "../../topology";
import { LeaseKeeper, LeaseStore, LeaseTimings, leaseTimings } from "../lease";
import { WatchMetrics } from "../metrics";
import { DrContext } from "../operations/context";
import { StackState } from "../stackState";
import { StatusBoard } from "../statusPage";
import { WatchHooks, WatchRound } from "./hooks";
import { ServeAddress } from "./serveAddress";
import { startWatchServer, WatchServer } from "./watchServer";

export interface WatchServicesOptions {
    /** `--serve`: the status page at `/` and the metrics at `/metrics`. */
    readonly serve?: ServeAddress;
    /** Where drill reports are kept, for the page's drill history. */
    readonly drillsDir: string;
    /** `--lease`: where the lease lives, once the stack's config is known. */
    readonly lease?: (state: StackState, timings: LeaseTimings) => LeaseStore & { close?(): void };
}

export interface WatchServices {
    readonly hooks: WatchHooks;
    readonly metrics: WatchMetrics;
    readonly board: StatusBoard;
    /** `http://host:port` when serving. */
    readonly url?: string;
    /** Stops the server and gives the lease up. */
    close(): Promise<void>;
}

/** This watch's name in the lease: who, where, which process, and a random part (two watches never share one). */
export function leaseOwner(ctx: Pick<DrContext, "actor">): string {
    return `${ctx.actor.who}@${os.hostname()} pid ${process.pid} ${randomBytes(3).toString("hex")}`;
}

/**
 * Metrics, the status page and the lease around one watch. The server starts here, before round 1, so an address
 * in use is bad input before anything else happens; the lease is first claimed in `hooks.start`.
 */
export async function startWatchServices(ctx: DrContext, options: WatchServicesOptions): Promise<WatchServices> {
    const metrics = new WatchMetrics();
    const board = new StatusBoard({ stack: ctx.stack.name, auditLog: ctx.auditLog, drillsDir: options.drillsDir });
    let server: WatchServer | undefined;
    if (options.serve) {
        server = await startWatchServer(options.serve, { page: () => board.html(), metrics: () => metrics.exposition() });
        ctx.log(`serving the status page at ${server.url}/ and Prometheus metrics at ${server.url}/metrics`);
    }
    let keeper: LeaseKeeper | undefined;
    let store: (LeaseStore & { close?(): void }) | undefined;
    const leadershipChanged = (mayAct: boolean, text: string) => {
        metrics.setLeader(mayAct);
        board.setLeadership(mayAct, text);
    };
    const recordRound = (round: WatchRound) => {
        const { cfg, outputs, lastFlip } = round.state;
        const home = cfg.homeSite;
        const linodeActiveRegion = outputs.linodeActiveRegion ?? cfg.linodeActiveRegion;
        metrics.recordRound({
            at: round.at,
            sites: SITES,
            activeSite: round.activeSite,
            homeSite: home,
            linodeRegions: cfg.linode.regions,
            linodeActiveRegion,
            results: round.results,
            certificates: round.certificates,
            lastFlipAt: lastFlip?.at,
            consecutiveFailures: round.consecutiveFailures,
        });
        board.record({ round: round.round, at: round.at, activeSite: round.activeSite, homeSite: home, linodeActiveRegion, results: round.results, certificates: round.certificates });
        if (keeper) {
            leadershipChanged(keeper.mayAct(), keeper.describe());
        }
    };
    const hooks: WatchHooks = {
        start: async ({ state, intervalSeconds }) => {
            board.started(intervalSeconds);
            if (options.lease) {
                const timings = leaseTimings(intervalSeconds);
                store = options.lease(state, timings);
                keeper = new LeaseKeeper(store, { owner: leaseOwner(ctx), timings, log: ctx.log, onChange: leadershipChanged });
                ctx.log(`lease: ${store.description}, ${timings.durationMs} ms long, renewed (or tried) every ${timings.renewEveryMs} ms`);
                await keeper.start();
                leadershipChanged(keeper.mayAct(), keeper.describe());
            }
        },
        // Without a server nothing reads the rounds; the watch then probes only what it decides on.
        round: server ? recordRound : undefined,
        mayAct: () => keeper?.mayAct() ?? true,
        standingBy: () => keeper?.describe() ?? "standing by",
        replicationLag: (region, seconds) => metrics.setReplicationLag(region, seconds),
    };
    return {
        hooks,
        metrics,
        board,
        url: server?.url,
        close: async () => {
            await keeper?.stop();
            store?.close?.();
            await server?.close();
        },
    };
}
