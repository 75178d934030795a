import { DATA_DEFAULTS, effectiveDataSite, isSite, Site, TableConsistency } from "../../topology";
import type { SwitchKey } from "../operations/flipRecord";
import type { StackState } from "../stackState";

/** What a flip does to the write region: where writes go now (deployed), where they will go, and the config it sets. */
export interface DataMove {
    /** The write region the last update published. */
    readonly fromRegion: string;
    readonly toRegion: string;
    /** The write region changes: the flip raises the epoch and, in eventual mode, fences. */
    readonly moves: boolean;
    /** The epoch the update will publish. */
    readonly epoch: number;
    /** Extra config the flip writes with its switch (`dataSite`, `dataEpoch`); empty when none. */
    readonly changes: Readonly<Partial<Record<"dataSite" | "dataEpoch", string>>>;
    readonly consistency: TableConsistency;
}

/** The data site the last update deployed: its `dataSite` output, else (a stack deployed before it existed) its active site. */
export function deployedDataSite(state: Pick<StackState, "cfg" | "outputs">): Site {
    const { outputs, cfg } = state;
    if (isSite(outputs.dataSite)) {
        return outputs.dataSite;
    }
    return isSite(outputs.activeSite) ? outputs.activeSite : effectiveDataSite(cfg);
}

export function deployedWriteRegion(state: Pick<StackState, "cfg" | "outputs">): string {
    const site = deployedDataSite(state);
    return state.outputs.writeRegion ?? state.outputs.writeRegions[site] ?? state.cfg.writeRegions[site];
}

/**
 * The data side of a flip to `target`. `switch-data` sets `dataSite`; `failover`/`failback` move `dataSite` with
 * traffic when it is set (unset, data follows `activeSite` anyway); `linode-region` never moves data. Whenever the
 * write region changes from what is deployed, `dataEpoch` becomes max(configured, deployed) + 1, so it only rises.
 */
export function planDataMove(state: Pick<StackState, "cfg" | "outputs">, switchKey: SwitchKey, target: string): DataMove {
    const { cfg, outputs } = state;
    const dataSite = switchKey === "dataSite" || (switchKey === "activeSite" && cfg.dataSite !== undefined) ? (target as Site) : cfg.dataSite;
    const activeSite = switchKey === "activeSite" ? (target as Site) : cfg.activeSite;
    const toRegion = cfg.writeRegions[effectiveDataSite({ activeSite, dataSite })];
    const fromRegion = deployedWriteRegion(state);
    const moves = toRegion !== fromRegion;
    const epoch = moves ? Math.max(cfg.dataEpoch, outputs.epoch ?? DATA_DEFAULTS.epoch) + 1 : cfg.dataEpoch;
    const changes: Partial<Record<"dataSite" | "dataEpoch", string>> = {};
    if (dataSite !== undefined && dataSite !== cfg.dataSite) {
        changes.dataSite = dataSite;
    }
    if (epoch !== cfg.dataEpoch) {
        changes.dataEpoch = String(epoch);
    }
    return { fromRegion, toRegion, moves, epoch, changes, consistency: cfg.table.consistency };
}
