/** A real Prometheus text-format parser (parse-prometheus-text-format, a port of the Python client's parser). */
export interface ParsedFamily {
    readonly name: string;
    readonly help: string;
    readonly type: "GAUGE" | "COUNTER" | "HISTOGRAM" | "SUMMARY" | "UNTYPED";
    readonly metrics: ReadonlyArray<{
        readonly value?: string;
        readonly labels?: Readonly<Record<string, string>>;
        readonly buckets?: Readonly<Record<string, string>>;
        readonly count?: string;
        readonly sum?: string;
    }>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const parse: (text: string) => ParsedFamily[] = require("parse-prometheus-text-format");

export function parsePrometheusText(text: string): Map<string, ParsedFamily> {
    return new Map(parse(text).map((family) => [family.name, family]));
}

/** The value of the series of `family` whose labels are exactly `labels`; undefined when absent. */
export function sample(families: Map<string, ParsedFamily>, name: string, labels: Record<string, string> = {}): ParsedFamily["metrics"][number] | undefined {
    const want = JSON.stringify(Object.entries(labels).sort());
    return families.get(name)?.metrics.find((m) => JSON.stringify(Object.entries(m.labels ?? {}).sort()) === want);
}

/**
 * One labelled series of a histogram. The parser merges every series of a histogram into one (its flattenMetrics
 * keys buckets by `le` only and keeps `_sum`/`_count` only without labels), so the exposition's lines of that one
 * series are given to it with the series' own labels taken out.
 */
export function histogramSeries(text: string, name: string, labels: Record<string, string>): ParsedFamily["metrics"][number] | undefined {
    const own = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
    const lines = text.split("\n").filter((line) => {
        if (line === `# HELP ${name}` || line.startsWith(`# HELP ${name} `) || line === `# TYPE ${name} histogram`) {
            return true;
        }
        const m = /^(\w+)\{(.*)\} (\S+)$/.exec(line);
        return !!m && [`${name}_bucket`, `${name}_sum`, `${name}_count`].includes(m[1]) && own.every((pair) => m[2].split(",").includes(pair));
    });
    const stripped = lines.map((line) => {
        let out = line;
        for (const pair of own) {
            out = out.replace(new RegExp(`,?${pair.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`), "").replace("{,", "{");
        }
        return out.replace("{}", "");
    });
    return parsePrometheusText(stripped.join("\n") + "\n").get(name)?.metrics[0];
}
