import { Freshness, ParameterRead } from "./freshness";
import { Site } from "./sites";

/** What `/active-site` answers and the active-site file holds. `ok` is false once the value may not be used. */
export type ActiveSiteView = { readonly ok: boolean } & Record<string, unknown>;

function describeRead(site: Site, read: ParameterRead, ageMs: number) {
    return {
        site,
        activeSite: read.value.activeSite,
        writeRegion: read.value.writeRegion,
        ...(read.value.epoch === undefined ? {} : { epoch: read.value.epoch }),
        isActiveSite: read.value.activeSite === site,
        version: read.version,
        readFrom: read.region,
        readAt: new Date(read.readAt).toISOString(),
        ageMs,
    };
}

export function activeSiteView(site: Site, state: Freshness): ActiveSiteView {
    if (!state.usable) {
        return { ok: false, site, reason: state.reason, ...(state.read ? { last: describeRead(site, state.read, state.ageMs ?? 0) } : {}) };
    }
    return { ok: true, ...describeRead(site, state.read, state.ageMs), stale: state.stale, ...(state.failure ? { failure: state.failure } : {}) };
}
