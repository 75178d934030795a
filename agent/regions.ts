/**
 * The order in which to read the parameter: the agent's own region first when it holds a copy, then the
 * others in the configured order.
 */
export function readOrder(nearest: string, regions: readonly string[]): string[] {
    return regions.includes(nearest) ? [nearest, ...regions.filter((r) => r !== nearest)] : [...regions];
}
