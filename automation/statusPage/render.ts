import type { AuditEntry } from "../audit";
import type { DrillReport } from "../drill/report";
import type { CertificateReading } from "../probes/certificateDays";
import type { Sample } from "./history";

/** Everything the status page shows; built by `StatusBoard`, rendered by `renderStatusPage`. */
export interface StatusView {
    readonly stack: string;
    /** ms since the epoch. */
    readonly generatedAt: number;
    /** The page reloads itself after this many seconds. */
    readonly refreshSeconds: number;
    readonly intervalSeconds?: number;
    readonly round?: number;
    readonly lastRoundAt?: number;
    readonly activeSite?: string;
    readonly homeSite?: string;
    readonly linodeActiveRegion?: string;
    /** Whether this watch acts, and why (lease holder, standing by). */
    readonly leadership: { readonly mayAct: boolean; readonly text: string };
    readonly probes: ReadonlyArray<{ readonly name: string; readonly target: string; readonly samples: readonly Sample[] }>;
    readonly certificates: readonly CertificateReading[];
    readonly flips: readonly AuditEntry[];
    readonly drills: readonly DrillReport[];
}

/** HTML-escapes text for element content and quoted attribute values. */
export function escapeHtml(text: unknown): string {
    return String(text ?? "")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/'/g, "&#39;");
}

const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f8fa;color:#1f2328}
header{background:#24292f;color:#fff;padding:12px 20px;display:flex;justify-content:space-between;align-items:baseline}
header h1{font-size:18px;margin:0}
main{padding:16px 20px;max-width:1200px}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px 16px;margin-bottom:16px}
h2{font-size:15px;margin:0 0 8px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:16px}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 16px;min-width:150px}
.card .label{color:#57606a;font-size:12px;text-transform:uppercase}
.card .value{font-size:22px;font-weight:600}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
th{color:#57606a;font-weight:600;font-size:12px}
.badge{display:inline-block;border-radius:10px;padding:1px 10px;color:#fff;font-weight:600;font-size:12px}
.badge.up{background:#1a7f37}.badge.down{background:#cf222e}.badge.none{background:#8c959f}
.timeline{display:flex;gap:2px}
.tick{width:10px;height:18px;border-radius:2px}
.tick.up{background:#2da44e}.tick.down{background:#cf222e}
.muted{color:#57606a}
.bad{color:#cf222e;font-weight:600}.good{color:#1a7f37;font-weight:600}
code{font-size:12px}
td.time,td.nowrap{white-space:nowrap}
`;

/** The whole page: server-rendered, no script; `<meta http-equiv="refresh">` reloads it every `refreshSeconds`. */
export function renderStatusPage(view: StatusView): string {
    const e = escapeHtml;
    const time = (ms: number | undefined) => (ms === undefined ? "never" : shortTime(new Date(ms).toISOString()));
    const cards = [
        card("active site", view.activeSite ?? "unknown", "active-site"),
        card("home site", view.homeSite ?? "unknown", "home-site"),
        card("Linode region", view.linodeActiveRegion ?? "unknown", "linode-region"),
        card("this watch", view.leadership.mayAct ? "acting" : "standing by", "leadership", view.leadership.text),
        card("last round", view.round === undefined ? "none yet" : `#${view.round}`, "last-round", time(view.lastRoundAt)),
    ].join("");
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="${Math.max(1, Math.round(view.refreshSeconds))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${view.stack}: ${view.activeSite ?? "?"} active - multicloud-dr`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>multicloud-dr &middot; <span id="stack">${e(view.stack)}</span></h1><span class="muted">generated ${e(time(view.generatedAt))}${view.intervalSeconds ? ` &middot; a round every ${e(view.intervalSeconds)}s` : ""}</span></header>
<main>
<div class="cards">${cards}</div>
<section id="endpoints"><h2>Health, last ${e(maxSamples(view))} rounds (oldest left)</h2>${probesTable(view)}</section>
<section id="flips"><h2>Last flips (audit log)</h2>${flipsTable(view.flips)}</section>
<section id="drills"><h2>Drills: time to recover against the target</h2>${drillsTable(view.drills)}</section>
${view.certificates.length > 0 ? `<section id="certificates"><h2>Certificates</h2>${certificatesTable(view.certificates, view.generatedAt)}</section>` : ""}
</main>
</body>
</html>
`;
}

/** `2025-01-02 03:04:05Z` for an ISO time; anything else as it is (escaped by the caller). */
function shortTime(text: string): string {
    return Number.isNaN(Date.parse(text)) ? text : new Date(text).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "Z");
}

function card(label: string, value: string, id: string, note?: string): string {
    return `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value" id="${id}">${escapeHtml(value)}</div>${note ? `<div class="muted">${escapeHtml(note)}</div>` : ""}</div>`;
}

function maxSamples(view: StatusView): number {
    return Math.max(0, ...view.probes.map((p) => p.samples.length));
}

function probesTable(view: StatusView): string {
    if (view.probes.length === 0) {
        return `<p class="muted">No round has run yet.</p>`;
    }
    const rows = view.probes.map((p) => {
        const last = p.samples[p.samples.length - 1];
        const state = last === undefined ? "none" : last.ok ? "up" : "down";
        const ticks = p.samples
            .map((s) => `<span class="tick ${s.ok ? "up" : "down"}" title="${escapeHtml(`${new Date(s.at).toISOString()} ${s.status}: ${s.detail} (${s.ms} ms)`)}"></span>`)
            .join("");
        return `<tr class="probe ${state}" data-probe="${escapeHtml(p.name)}"><td><code>${escapeHtml(p.name)}</code></td><td><span class="badge ${state}">${state === "up" ? "healthy" : state === "down" ? escapeHtml(last!.status) : "no data"}</span></td><td><div class="timeline">${ticks}</div></td><td>${last ? `${escapeHtml(last.detail)} <span class="muted">(${escapeHtml(last.ms)} ms)</span>` : ""}<div class="muted"><code>${escapeHtml(p.target)}</code></div></td></tr>`;
    });
    return `<table><thead><tr><th>probe</th><th>now</th><th>timeline</th><th>detail</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function flipsTable(flips: readonly AuditEntry[]): string {
    if (flips.length === 0) {
        return `<p class="muted">No flip in the audit log.</p>`;
    }
    const rows = flips.map(
        (f) =>
            `<tr class="flip"><td class="time">${escapeHtml(shortTime(f.at))}</td><td>${escapeHtml(f.action)}</td><td class="nowrap">${escapeHtml(f.from)} &rarr; ${escapeHtml(f.to)}</td><td class="${f.outcome === "succeeded" || f.outcome === "dry-run" ? "good" : "bad"}">${escapeHtml(f.outcome)}</td><td class="nowrap">${escapeHtml(f.who)}</td><td>${escapeHtml(f.reason)}</td></tr>`,
    );
    return `<table><thead><tr><th>started</th><th>action</th><th>change</th><th>outcome</th><th>who</th><th>reason</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function drillsTable(drills: readonly DrillReport[]): string {
    if (drills.length === 0) {
        return `<p class="muted">No drill report in the state directory.</p>`;
    }
    const rows = drills.map((d) => {
        const recovery =
            d.timeToRecoverSeconds === undefined
                ? `<span class="bad">not measured</span>`
                : `<span class="${d.withinTarget ? "good" : "bad"}">${escapeHtml(d.timeToRecoverSeconds.toFixed(1))} s</span>`;
        return `<tr class="drill"><td class="time">${escapeHtml(shortTime(d.startedAt))}</td><td>${escapeHtml(d.from ?? "?")} &rarr; ${escapeHtml(d.to ?? "?")} &rarr; ${escapeHtml(d.from ?? "?")}</td><td class="${d.outcome === "passed" ? "good" : "bad"}">${escapeHtml(d.outcome)}</td><td>${recovery}</td><td>${escapeHtml(d.rtoTargetSeconds ?? "?")} s</td><td>${escapeHtml(d.message)}</td></tr>`;
    });
    return `<table><thead><tr><th>started</th><th>rehearsal</th><th>outcome</th><th>time to recover</th><th>target</th><th>message</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function certificatesTable(readings: readonly CertificateReading[], now: number): string {
    const rows = readings.map((r) => {
        const left = r.validTo === undefined ? undefined : Math.floor((Date.parse(r.validTo) - now) / 86_400_000);
        return `<tr><td><code>${escapeHtml(r.endpoint)}</code></td><td>${left === undefined ? `<span class="muted">not read: ${escapeHtml(r.error)}</span>` : `${escapeHtml(left)} day(s) left`}</td><td>${escapeHtml(r.validTo ?? "")}</td></tr>`;
    });
    return `<table><thead><tr><th>endpoint</th><th>days left</th><th>valid to</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
