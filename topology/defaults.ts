/**
 * Every default the program applies, stated once. The config parser fills them into `DrConfig`, so the plan,
 * the failover tool and the policy pack see the effective values (a failover-time estimate needs the real TTL);
 * the components apply the same constants when a team uses a component directly. The components' `@default`
 * docs name these constants instead of repeating the values.
 */

export const DNS_DEFAULTS = {
    /** TTL of every DNS record the program owns: short, so resolvers follow a failover quickly. */
    ttl: 30,
    /** Label of the application under the domain. */
    appHost: "app",
    /** TTL of hosted-zone records no flip changes (the Linode zone's delegation, the certificate's authorization). */
    zoneRecordTtl: 300,
} as const;

export const HEALTH_CHECK_DEFAULTS = {
    path: "/health",
    port: 443,
    intervalSeconds: 10,
    failureThreshold: 3,
    /** Route 53 checker regions: the minimum of three, on two continents. */
    regions: ["us-east-1", "us-west-2", "eu-west-1"] as readonly string[],
    expectedBody: "ok",
} as const;

export const TABLE_DEFAULTS = {
    /** Replication mode of the global table: `strong` is multi-Region strong consistency (see `strongConsistency.ts`). */
    consistency: "eventual",
    /**
     * How long a fenced switch waits for its fence item to reach the new write region, and the bound `status`,
     * `drill` and `watch` measure replication against. AWS states global-table replication "usually within a
     * second" (Developer Guide, "DynamoDB read consistency", global tables section); 10 s leaves room for a slow
     * moment without holding a switch for long.
     */
    maxReplicationLagSeconds: 10,
    /** How often the fence wait and the replication measurement read the other region(s). */
    replicationPollMs: 200,
} as const;

export const DATA_DEFAULTS = {
    /** The fencing epoch of a stack whose write region has never been moved by the tool. */
    epoch: 0,
} as const;

export const GKE_DEFAULTS = {
    machineType: "e2-standard-4",
    nodesPerZone: 1,
    minNodesPerZone: 1,
    maxNodesPerZone: 3,
    nodePort: 30080,
    releaseChannel: "REGULAR",
    /** Backend capacity scaler of a region: 1 serves fully, 0 drains. */
    capacity: 1,
    /** CIDR blocks allowed to reach the clusters' public control-plane endpoint: none unless configured. */
    authorizedNetworks: [] as readonly string[],
} as const;

export const LINODE_DEFAULTS = {
    instanceType: "g6-standard-2",
    instancesPerRegion: 2,
    image: "linode/debian12",
    appPort: 80,
} as const;

export const FAILOVER_DEFAULTS = {
    /** `watch` alerts when a certificate an endpoint serves has fewer days left than this (renewal normally runs at 30). */
    certificateWarningDays: 21,
} as const;

/**
 * The application each site runs, and the site agent beside it. The default app is a public image that serves a
 * page on its port as an unprivileged user, so a first deploy serves something; a team sets `app.image` (and its
 * port and health path) to run its own. The agent image is built from `agent/Dockerfile` and pushed by the team.
 */
export const APP_DEFAULTS = {
    image: "nginxinc/nginx-unprivileged:1.27-alpine",
    port: 8080,
    healthPath: "/",
    replicasPerRegion: 2,
    agentImage: "ghcr.io/example/multicloud-dr-agent:0.1.0",
    agentPort: 9090,
} as const;
