/**
 * Config overrides that grow the staging stack to N GCP regions and N Linode regions, for the scaling benchmark.
 * Region names are synthetic but valid for the config parser; nothing is deployed.
 */
export function syntheticRegionOverrides(count: number): Record<string, string> {
    const gcpRegions = Array.from({ length: count }, (_, i) => {
        const name = `synth-region${i + 1}`;
        return { name, index: i, zones: [`${name}-a`, `${name}-b`] };
    });
    const linodeRegions = Array.from({ length: count }, (_, i) => `zz-synth-${i + 1}`);
    return {
        "gcp.regions": JSON.stringify(gcpRegions),
        "linode.regions": JSON.stringify(linodeRegions),
        linodeActiveRegion: linodeRegions[0],
    };
}
