/**
 * What the real platforms accept. Each list is checked by the config parser and the policy pack, so a value
 * the cloud would reject or silently rewrite fails before anything is declared.
 */

/**
 * TTLs Linode DNS keeps; any other value is rounded by the API to the nearest of these, which shows as drift
 * on every refresh. Source: Linode API v4, "Domain Record Create", `ttl_sec` ("Valid values are 0, 30, 120,
 * 300, 3600, 7200, 14400, 28800, 57600, 86400, 172800, 345600, 604800, 1209600, and 2419200").
 */
export const LINODE_TTLS: readonly number[] = [
    0, 30, 120, 300, 3600, 7200, 14400, 28800, 57600, 86400, 172800, 345600, 604800, 1209600, 2419200,
];

/** Route 53 health check `RequestInterval`: only 10 (fast) or 30 (standard) seconds. Source: Route 53 API, CreateHealthCheck. */
export const ROUTE53_REQUEST_INTERVALS: readonly number[] = [10, 30];

/** Route 53 health check `FailureThreshold` range. Source: Route 53 API, HealthCheckConfig. */
export const ROUTE53_FAILURE_THRESHOLD = { min: 1, max: 10 } as const;

/**
 * Regions Route 53 health checkers run from; a health check names at least three of them.
 * Source: Route 53 API, HealthCheckConfig `Regions` (HealthCheckRegion enum, "minimum number of 3").
 */
export const ROUTE53_CHECKER_REGIONS: readonly string[] = [
    "us-east-1", "us-west-1", "us-west-2", "eu-west-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1",
];
export const ROUTE53_MIN_CHECKER_REGIONS = 3;

/** Failover records must re-resolve quickly; the program refuses a longer TTL. */
export const MAX_FAILOVER_TTL = 60;

/**
 * Google's health-check and Google Front End source ranges for global external Application Load Balancers.
 * Source: cloud.google.com/load-balancing/docs/health-check-concepts ("Probe IP ranges and firewall rules").
 */
export const GOOGLE_HEALTH_CHECK_RANGES: readonly string[] = ["35.191.0.0/16", "130.211.0.0/22"];

/** Linode private IPv4 addresses live in 192.168.128.0/17; NodeBalancers reach backends only there. */
export const LINODE_PRIVATE_RANGE = "192.168.128.0/17";

/** NodeBalancers connect to their backends from this range; the Linode firewall admits the app port from it. */
export const NODEBALANCER_SOURCE_RANGE = "192.168.255.0/24";

/** GKE release channels a cluster may subscribe to. */
export const GKE_RELEASE_CHANNELS: readonly string[] = ["RAPID", "REGULAR", "STABLE", "EXTENDED"];

/** Kubernetes NodePort range, where the load balancer reaches the application on each node. */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

/**
 * Linode region ids: a country code, a city and, for a later region in the same city, a number (`us-east`,
 * `de-fra-2`). Source: Linode API v4, "Regions List" (GET /v4/regions), `id`.
 */
export const LINODE_REGION_PATTERN = /^[a-z]{2}-[a-z]+(-\d+)?$/;

/**
 * Longest `SearchString` an HTTP(S)_STR_MATCH health check accepts. Source: Route 53 API Reference,
 * HealthCheckConfig, `SearchString` ("Length Constraints: Maximum length of 255"); Route 53 searches the
 * first 5,120 bytes of the response body for it.
 */
export const ROUTE53_SEARCH_STRING_MAX = 255;

/**
 * Linode's authoritative name servers: every Linode DNS Manager zone is served by these five, so a
 * subdomain hosted there is delegated with an NS record set naming them. Source: Linode docs, DNS Manager,
 * "NS records" ("five NS records are automatically created ... one for each of Linode's name servers
 * (ns1.linode.com through ns5.linode.com)").
 */
export const LINODE_NAME_SERVERS: readonly string[] = ["ns1.linode.com", "ns2.linode.com", "ns3.linode.com", "ns4.linode.com", "ns5.linode.com"];

/** How one Linode resource type's `label` is constrained. */
export interface LinodeLabelRule {
    readonly min: number;
    readonly max: number;
    /** One allowed character. */
    readonly char: RegExp;
    /** First and last character must be a letter or digit. */
    readonly alphanumericEnds: boolean;
    /** No `--`, `__` or `..` in a row. */
    readonly noDoubledSeparators: boolean;
}

/**
 * Label rules per Linode resource type. Source: Linode API v4 (techdocs.akamai.com/linode-api/reference):
 * "Create a Linode" `label` (3-64; letters, digits, `-`, `_`, `.`; "Must begin and end with an alphanumeric
 * character"; "Cannot have two dashes (--), underscores (__) or periods (..) in a row"), "Create a firewall"
 * `label` (the same rules, 3-32 characters), "Create a NodeBalancer" `label` (pattern `[a-zA-Z0-9-_]{3,32}`)
 * and "Create a node" `label` (pattern `[a-zA-Z0-9-_.]{3,32}`).
 */
export const LINODE_LABEL_RULES = {
    instance: { min: 3, max: 64, char: /[A-Za-z0-9_.-]/, alphanumericEnds: true, noDoubledSeparators: true },
    firewall: { min: 3, max: 32, char: /[A-Za-z0-9_.-]/, alphanumericEnds: true, noDoubledSeparators: true },
    nodeBalancer: { min: 3, max: 32, char: /[A-Za-z0-9_-]/, alphanumericEnds: false, noDoubledSeparators: false },
    nodeBalancerNode: { min: 3, max: 32, char: /[A-Za-z0-9_.-]/, alphanumericEnds: false, noDoubledSeparators: false },
} as const satisfies Record<string, LinodeLabelRule>;

export type LinodeLabelKind = keyof typeof LINODE_LABEL_RULES;

/**
 * The one role a GKE node service account needs (logs, metrics, resource metadata). Source: GKE docs,
 * "Harden your cluster's security" > "Use least privilege IAM service accounts" and "Use least privilege IAM
 * service accounts for nodes": `roles/container.defaultNodeServiceAccount` (Kubernetes Engine Default Node
 * Service Account), which replaces granting logging.logWriter, monitoring.metricWriter, monitoring.viewer and
 * stackdriver.resourceMetadata.writer one by one.
 */
export const GKE_NODE_SERVICE_ACCOUNT_ROLES: readonly string[] = ["roles/container.defaultNodeServiceAccount"];

/** The Compute Engine default service account (`<number>-compute@developer.gserviceaccount.com`), which nodes must not run as. */
export const GCE_DEFAULT_SERVICE_ACCOUNT = /-compute@developer\.gserviceaccount\.com$/;

/**
 * Region sets within which DynamoDB multi-Region strong consistency (MRSC) is offered: every table region and
 * the witness must lie in one set, and MRSC uses exactly three regions (three replicas, or two replicas and a
 * witness). Source: AWS DynamoDB Developer Guide, "Multi-Region strong consistency"
 * (docs.aws.amazon.com/amazondynamodb/latest/developerguide/multi-region-strong-consistency-gt.html), the page
 * `@pulumi/aws` 7.48.0 `dynamodb/table.d.ts` links for MRSC restrictions. The d.ts confirms only the shape
 * ("three replicas, or with two replicas and one witness"; "A witness is located in a different Region than the
 * two replicas"); the sets themselves were not checkable offline.
 */
export const DYNAMODB_MRSC_REGION_SETS: Readonly<Record<string, readonly string[]>> = {
    US: ["us-east-1", "us-east-2", "us-west-2"],
    EU: ["eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1"],
    AP: ["ap-northeast-1", "ap-northeast-3", "ap-northeast-2"],
};
export const DYNAMODB_MRSC_REGION_COUNT = 3;
