import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { CertificateReading } from "../probes/certificateDays";
import type { ProbeResult } from "../probes/types";

/**
 * The metrics `watch --serve` exposes. Their names are a stable interface (README "Watch: metrics"): extend, never
 * rename. Names follow https://prometheus.io/docs/practices/naming: one application prefix, base units (seconds),
 * the unit as a suffix, `_total` on counters, and what varies (probe, site, region) in labels, never in names.
 * Times of events are exported as Unix timestamps (`*_timestamp_seconds`), as
 * https://prometheus.io/docs/practices/instrumentation/#timestamps-not-time-since advises; the "seconds since the
 * last flip" and "seconds left on a certificate" the issue asks for are also exported, computed at scrape time.
 */
export const METRIC = {
    probeSuccess: "multicloud_dr_probe_success",
    probeDuration: "multicloud_dr_probe_duration_seconds",
    activeSite: "multicloud_dr_active_site",
    homeSite: "multicloud_dr_home_site",
    linodeActiveRegion: "multicloud_dr_linode_active_region",
    lastFlipTimestamp: "multicloud_dr_last_flip_timestamp_seconds",
    lastFlipAge: "multicloud_dr_last_flip_age_seconds",
    certificateExpiry: "multicloud_dr_certificate_expiry_timestamp_seconds",
    certificateRemaining: "multicloud_dr_certificate_remaining_seconds",
    replicationLag: "multicloud_dr_replication_lag_seconds",
    rounds: "multicloud_dr_watch_rounds_total",
    lastRound: "multicloud_dr_watch_last_round_timestamp_seconds",
    consecutiveFailures: "multicloud_dr_watch_consecutive_failures",
    leader: "multicloud_dr_watch_leader",
} as const;

/** Probe latency buckets (seconds): probes time out at `failover.probeTimeoutMs` (default 3 s, at most 60 s). */
export const PROBE_DURATION_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** What one watch round tells the metrics. */
export interface RoundMetrics {
    /** ms since the epoch. */
    readonly at: number;
    readonly sites: readonly string[];
    readonly activeSite: string;
    readonly homeSite: string;
    readonly linodeRegions: readonly string[];
    readonly linodeActiveRegion: string;
    readonly results: readonly ProbeResult[];
    readonly certificates: readonly CertificateReading[];
    /** ISO time of the last flip (stack config `lastFlip`), if any. */
    readonly lastFlipAt?: string;
    readonly consecutiveFailures: number;
}

/** The watch's metrics in a registry of their own (never prom-client's global default registry). */
export class WatchMetrics {
    readonly registry = new Registry();
    private lastFlipMs?: number;
    private readonly certificateExpiryMs = new Map<string, number>();
    private readonly probeSuccess: Gauge<"probe">;
    private readonly probeDuration: Histogram<"probe">;
    private readonly activeSite: Gauge<"site">;
    private readonly homeSite: Gauge<"site">;
    private readonly linodeActiveRegion: Gauge<"region">;
    private readonly lastFlipTimestamp: Gauge;
    private readonly certificateExpiry: Gauge<"endpoint">;
    private readonly replicationLag: Gauge<"region">;
    private readonly rounds: Counter;
    private readonly lastRound: Gauge;
    private readonly consecutiveFailures: Gauge;
    private readonly leader: Gauge;

    constructor(private readonly now: () => number = Date.now) {
        const registers = [this.registry];
        this.probeSuccess = new Gauge({ name: METRIC.probeSuccess, help: "1 if the probe passed in the last round, else 0; probe is the name the audit log uses (endpoint:gcp, dynamodb:linode, ...)", labelNames: ["probe"], registers });
        this.probeDuration = new Histogram({ name: METRIC.probeDuration, help: "How long each probe took, per round", labelNames: ["probe"], buckets: PROBE_DURATION_BUCKETS, registers });
        this.activeSite = new Gauge({ name: METRIC.activeSite, help: "1 for the site serving traffic (deployed, else configured), 0 for the others", labelNames: ["site"], registers });
        this.homeSite = new Gauge({ name: METRIC.homeSite, help: "1 for the home site (where failback returns), 0 for the others", labelNames: ["site"], registers });
        this.linodeActiveRegion = new Gauge({ name: METRIC.linodeActiveRegion, help: "1 for the Linode region the Linode app record points at, 0 for the stack's other Linode regions", labelNames: ["region"], registers });
        this.lastFlipTimestamp = new Gauge({ name: METRIC.lastFlipTimestamp, help: "Unix time the last flip started (stack config lastFlip); absent when the stack never flipped", registers });
        const metrics = this;
        new Gauge({
            name: METRIC.lastFlipAge,
            help: "Seconds since the last flip started, at scrape time; absent when the stack never flipped",
            registers,
            collect() {
                this.reset();
                if (metrics.lastFlipMs !== undefined) {
                    this.set(Math.max(0, (metrics.now() - metrics.lastFlipMs) / 1000));
                }
            },
        });
        this.certificateExpiry = new Gauge({ name: METRIC.certificateExpiry, help: "Unix time the certificate an endpoint serves expires (notAfter)", labelNames: ["endpoint"], registers });
        new Gauge({
            name: METRIC.certificateRemaining,
            help: "Seconds until the certificate an endpoint serves expires, at scrape time (negative once expired); days left = this / 86400",
            labelNames: ["endpoint"],
            registers,
            collect() {
                this.reset();
                for (const [endpoint, expiry] of metrics.certificateExpiryMs) {
                    this.set({ endpoint }, (expiry - metrics.now()) / 1000);
                }
            },
        });
        this.replicationLag = new Gauge({ name: METRIC.replicationLag, help: "Replication lag of the global table into a replica region, as last measured", labelNames: ["region"], registers });
        this.rounds = new Counter({ name: METRIC.rounds, help: "Probe rounds this watch has run", registers });
        this.lastRound = new Gauge({ name: METRIC.lastRound, help: "Unix time the last probe round started (alert when it stops moving)", registers });
        this.consecutiveFailures = new Gauge({ name: METRIC.consecutiveFailures, help: "Consecutive rounds the active site has failed (the watch acts at failover.watchFailureThreshold)", registers });
        this.leader = new Gauge({ name: METRIC.leader, help: "1 if this watch may act (holds the lease, or runs without one), 0 while it stands by", registers });
        this.leader.set(1);
    }

    /** Records one round. Probes not run this round keep their last value. */
    recordRound(round: RoundMetrics): void {
        for (const result of round.results) {
            this.probeSuccess.set({ probe: result.name }, result.ok ? 1 : 0);
            this.probeDuration.observe({ probe: result.name }, result.ms / 1000);
        }
        for (const site of round.sites) {
            this.activeSite.set({ site }, site === round.activeSite ? 1 : 0);
            this.homeSite.set({ site }, site === round.homeSite ? 1 : 0);
        }
        this.linodeActiveRegion.reset();
        for (const region of round.linodeRegions) {
            this.linodeActiveRegion.set({ region }, region === round.linodeActiveRegion ? 1 : 0);
        }
        const lastFlipMs = round.lastFlipAt === undefined ? NaN : Date.parse(round.lastFlipAt);
        this.lastFlipMs = Number.isNaN(lastFlipMs) ? undefined : lastFlipMs;
        this.lastFlipTimestamp.reset();
        if (this.lastFlipMs !== undefined) {
            this.lastFlipTimestamp.set(this.lastFlipMs / 1000);
        }
        for (const reading of round.certificates) {
            const expiry = reading.validTo === undefined ? NaN : Date.parse(reading.validTo);
            if (!Number.isNaN(expiry)) {
                this.certificateExpiryMs.set(reading.endpoint, expiry);
                this.certificateExpiry.set({ endpoint: reading.endpoint }, expiry / 1000);
            }
        }
        this.rounds.inc();
        this.lastRound.set(round.at / 1000);
        this.consecutiveFailures.set(round.consecutiveFailures);
    }

    /**
     * The replication lag into `region`, in seconds, as the replication measurement found it; `undefined` (not
     * measured, or the measurement failed) removes the series, so a stale or invented value is never exported.
     */
    setReplicationLag(region: string, seconds: number | undefined): void {
        if (seconds === undefined || !Number.isFinite(seconds)) {
            this.replicationLag.remove({ region });
        } else {
            this.replicationLag.set({ region }, seconds);
        }
    }

    setLeader(mayAct: boolean): void {
        this.leader.set(mayAct ? 1 : 0);
    }

    /** The exposition (Prometheus text format 0.0.4) and its content type. */
    async exposition(): Promise<{ contentType: string; body: string }> {
        return { contentType: this.registry.contentType, body: await this.registry.metrics() };
    }
}
