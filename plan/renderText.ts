import { flattenLeaves, PropertyChange, ResourceRef, ValueChange } from "./diff";
import { PlanJson } from "./jsonShape";
import { CLOUDS } from "./resourceTree";
import { DrSummary, ServedTarget } from "./summary";

const PLACEHOLDER = "(placeholder)";

/** The plan as people read it. Every value the clouds would compute carries "(placeholder)". */
export function renderPlanText(plan: PlanJson): string {
    const out: string[] = [];
    out.push(`Plan for stack "${plan.stack}": evaluated offline under Pulumi's mock runtime; no cloud was called.`);
    out.push(`Values marked ${PLACEHOLDER} stand in for what the clouds would compute. Secrets show as [secret].`);
    if (Object.keys(plan.overrides).length > 0) {
        out.push(`Trying: ${overridesText(plan.overrides)}`);
    }
    out.push("", ...resourcesSection(plan), "", ...summarySection(plan), "", ...outputsSection(plan));
    if (plan.change) {
        out.push("", ...changeSection(plan));
    }
    out.push("", ...policySection(plan));
    return `${out.join("\n")}\n`;
}

function overridesText(overrides: Readonly<Record<string, string>>): string {
    return Object.entries(overrides)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ");
}

function cloudCounts(counts: Readonly<Record<string, number>>, skipZero = false): string {
    const extra = Object.keys(counts).filter((c) => !(CLOUDS as readonly string[]).includes(c));
    return [...CLOUDS, ...extra]
        .filter((c) => !skipZero || (counts[c] ?? 0) > 0)
        .map((c) => `${c} ${counts[c] ?? 0}`)
        .join(", ");
}

function resourcesSection(plan: PlanJson): string[] {
    const lines = [`Resources: ${plan.resources.total} (${cloudCounts(plan.resources.byCloud)})`];
    for (const group of plan.resources.groups) {
        const instances = group.instances.length > 0 ? ` [${group.instances.join(", ")}]` : "";
        lines.push(`  ${group.component}${instances}: ${group.resources.length} resources (${cloudCounts(group.byCloud, true) || "none"})`);
        for (const r of group.resources) {
            const computed = r.placeholders.map((p) => `${p.property}=${short(p.value, 60)}`).join(", ");
            lines.push(`    ${r.type}  ${r.name}${computed ? `  computed: ${computed} ${PLACEHOLDER}` : ""}`);
        }
    }
    return lines;
}

function summarySection(plan: PlanJson): string[] {
    const s = plan.summary;
    /** " (was X)" when the overrides change the field, X formatted like the field itself. */
    const was = <T>(path: keyof DrSummary, format: (value: T) => string = (v) => describe(v)) => {
        const changed = plan.summaryChanges.some((c) => c.path === path || c.path.startsWith(`${path}.`) || c.path.startsWith(`${path}[`));
        return changed ? ` (was ${format(summaryValueBefore(plan, path) as T)})` : "";
    };
    const served = (t: ServedTarget) => `${t.site} via ${t.endpoint}`;
    const table = (t: DrSummary["table"]) => `${t.name}: home ${t.homeRegion}, replicas ${t.replicaRegions.join(", ")}`;
    const checks = (h: DrSummary["healthCheck"]) =>
        `every ${h.intervalSeconds} s, unhealthy after ${h.failureThreshold} failures = ${h.detectionSeconds} s to detect (checkers: ${h.checkerRegions.join(", ")})`;
    const rows: [string, string][] = [
        ["environment", s.environment],
        ["app hostname", s.appHostname],
        ["active site", `${s.activeSite}${was("activeSite")}${s.failedOver ? ` (failed over: home is ${s.homeSite})` : ""}`],
        ["home site", `${s.homeSite}${was("homeSite")}`],
        ["PRIMARY serves", `${served(s.primary)}${was("primary", served)}`],
        ["SECONDARY serves", `${served(s.secondary)}${was("secondary", served)}`],
        ["Linode active region", `${s.linodeActiveRegion}${was("linodeActiveRegion")}`],
        ["table", `${table(s.table)}${was("table", table)}`],
        ["write region", `${s.writeRegion}${was("writeRegion")}`],
        ["health checks", `${checks(s.healthCheck)}${was("healthCheck", checks)}`],
        ["DNS TTL", `${s.dnsTtlSeconds} s${was("dnsTtlSeconds")}`],
        [
            "worst-case failover",
            `${s.worstCaseFailoverSeconds} s (interval x threshold + TTL = ${s.healthCheck.intervalSeconds} x ${s.healthCheck.failureThreshold} + ${s.dnsTtlSeconds})${was("worstCaseFailoverSeconds", (v) => `${v} s`)}; RTO target ${s.rtoTargetSeconds} s`,
        ],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    return ["DR summary", ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)];
}

/** The value a summary field had before the overrides, rebuilt from the recorded changes. */
function summaryValueBefore(plan: PlanJson, path: string): unknown {
    const current = (plan.summary as unknown as Record<string, unknown>)[path];
    const changes = plan.summaryChanges.filter((c) => c.path === path || c.path.startsWith(`${path}.`) || c.path.startsWith(`${path}[`));
    if (changes.length === 1 && changes[0].path === path) {
        return changes[0].before;
    }
    const copy = JSON.parse(JSON.stringify(current ?? null));
    for (const c of changes) {
        setPath(copy, c.path.slice(path.length).replace(/^\./, ""), c.before);
    }
    return copy;
}

function setPath(target: any, path: string, value: unknown): void {
    const parts = path.match(/[^.[\]]+/g) ?? [];
    let node = target;
    for (const part of parts.slice(0, -1)) {
        node = node[part];
    }
    const last = parts[parts.length - 1];
    if (value === undefined) {
        delete node[last];
    } else {
        node[last] = value;
    }
}

function outputsSection(plan: PlanJson): string[] {
    const lines = ["Outputs"];
    const rows = plan.outputs.flatMap((o) =>
        flattenLeaves(o.value, o.name).map((leaf) => [
            leaf.path,
            leaf.value === null ? "(not set)" : `${describe(leaf.value)}${o.placeholders.includes(leaf.path) ? ` ${PLACEHOLDER}` : ""}`,
        ]),
    );
    const width = Math.max(0, ...rows.map(([k]) => k.length));
    lines.push(...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`));
    return lines;
}

function changeSection(plan: PlanJson): string[] {
    const change = plan.change!;
    const lines = [`Blast radius of ${overridesText(plan.overrides)}`];
    const changed = change.updated.length + change.created.length + change.deleted.length;
    lines.push(
        `  ${change.updated.length} changed (${change.updated.filter((u) => u.action === "replace").length} replaced), ${change.created.length} created, ${change.deleted.length} deleted` +
            (changed === 0 ? ": nothing changes" : ""),
    );
    for (const r of change.updated) {
        const how = r.action === "replace" ? "REPLACE" : "update in place";
        lines.push(`  ~ ${r.type}  ${r.name}  (${how}${r.stateful ? ", stateful" : ""}${r.catalogued ? "" : ", type not in the replacement table"})`);
        lines.push(...r.changes.map((c) => `      ${propertyLine(c)}`));
    }
    lines.push(...change.created.map((r) => `  + ${refLine(r, "create")}`));
    lines.push(...change.deleted.map((r) => `  - ${refLine(r, "delete")}`));
    if (change.outputs.length > 0) {
        lines.push("  Stack outputs that change:");
        lines.push(...change.outputs.map((c) => `      ${valueLine(c)}`));
    }
    const v = change.verdict;
    if (v.safe) {
        lines.push(
            v.label === "no change"
                ? "Verdict: no change (nothing is created, deleted or updated)"
                : "Verdict: safe flip (nothing created, deleted or replaced; no stateful resource touched)",
        );
    } else {
        lines.push("Verdict: UNSAFE", ...v.reasons.map((reason) => `  - ${reason}`));
    }
    return lines;
}

function refLine(r: ResourceRef, action: string): string {
    return `${r.type}  ${r.name}  (${action}${r.stateful ? ", stateful" : ""})`;
}

function valueLine(c: ValueChange): string {
    const side = (present: boolean, value: unknown, placeholder: boolean) =>
        present ? `${describe(value)}${placeholder ? ` ${PLACEHOLDER}` : ""}` : "(absent)";
    return `${c.path}: ${side("before" in c, c.before, c.beforePlaceholder)} -> ${side("after" in c, c.after, c.afterPlaceholder)}`;
}

function propertyLine(c: PropertyChange): string {
    const rule = c.rule ? (c.rule.effect === "replace" ? "  [forces replacement]" : "  [unsafe to change]") : "";
    return `${valueLine(c)}${rule}`;
}

function policySection(plan: PlanJson): string[] {
    const p = plan.policies;
    if (!p.available) {
        return ["Policies: not run"];
    }
    const lines = [`Policies: ${p.findings.length} finding(s), ${p.mandatoryViolations} mandatory`];
    for (const f of p.findings) {
        lines.push(`  [${f.enforcementLevel}] ${f.policyName}: ${f.message}${f.urn ? `  (${f.urn})` : ""}`);
    }
    return lines;
}

/** A value on one line: simple strings bare, anything else as JSON, long values shortened. */
export function describe(value: unknown): string {
    if (typeof value === "string" && /^[\w.:/@+,-]*$/.test(value) && value !== "") {
        return value;
    }
    return short(value, 160);
}

function short(value: unknown, max: number): string {
    const text = typeof value === "string" && /^[\w.:/@+,-]+$/.test(value) ? value : JSON.stringify(value) ?? "undefined";
    return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
