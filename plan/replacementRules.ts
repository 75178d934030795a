/**
 * The one table the plan uses to classify a change: per resource type, the input properties whose change
 * makes the provider replace the resource (delete + create), each with where that fact comes from, and
 * whether the type holds state a flip must never touch.
 *
 * Property names are the Pulumi (camelCase) input names. A rule matches a changed path when the path, with
 * list indices removed, equals the rule's property or lies under it (`replicas[0].regionName` is under
 * `replicas`). Only facts that were checked against a source are listed; a changed resource whose type has
 * no entry here is reported as "not catalogued" and counts as unsafe, because the plan cannot tell an
 * in-place update from a replacement for it.
 */

import { pathUnder } from "../topology";

export type RuleEffect =
    /** The provider replaces the resource (ForceNew / RequiresReplace, or an Update that deletes and recreates). */
    | "replace"
    /** Updated in place, but the change breaks a rule the estate relies on (see docs/ARCHITECTURE.md). */
    | "unsafe";

export interface PropertyRule {
    readonly property: string;
    readonly effect: RuleEffect;
    /** Where the fact comes from: provider schema file or documentation. */
    readonly source: string;
}

export interface ResourceTypeRules {
    readonly type: string;
    /** Holds state or identity that outlives a flip: a flip never changes it. */
    readonly stateful: boolean;
    readonly rules: readonly PropertyRule[];
    /** Facts about in-place changes worth knowing, kept with the table. */
    readonly notes?: readonly string[];
}

const TF_AWS = "hashicorp/terraform-provider-aws";
const TF_GOOGLE = "hashicorp/terraform-provider-google";
const TF_LINODE = "linode/terraform-provider-linode";

const replace = (source: string, ...properties: string[]): PropertyRule[] =>
    properties.map((property) => ({ property, effect: "replace" as const, source }));

/**
 * AWS provider v6+ "Enhanced Region Support": every regional resource takes a top-level `region`, and
 * "Changing the value of `region` will force resource replacement." Route 53 is global and has none.
 */
const AWS_REGION_RULE = replace(`${TF_AWS} website/docs/guides/enhanced-region-support.html.markdown ("How region works")`, "region");

const TABLE: readonly ResourceTypeRules[] = [
    {
        type: "aws:route53/record:Record",
        stateful: false,
        rules: [
            ...replace(`${TF_AWS} internal/service/route53/record.go: schema "name", "zone_id" ForceNew`, "name", "zoneId"),
            ...replace(
                `${TF_AWS} internal/service/route53/record.go resourceRecordUpdate: a change of "type" or "set_identifier" deletes the old record set and creates a new one in one change batch`,
                "type",
                "setIdentifier",
            ),
            {
                property: "failoverRoutingPolicies",
                effect: "unsafe",
                source: "docs/ARCHITECTURE.md, The failover switch: records keep their failover type forever; swapping PRIMARY/SECONDARY between records passes through states Route 53 rejects",
            },
        ],
        notes: ["records, ttl and healthCheckId are updated in place (UPSERT of the same name/type/setIdentifier)."],
    },
    {
        type: "aws:route53/healthCheck:HealthCheck",
        stateful: true,
        rules: replace(
            `${TF_AWS} internal/service/route53/health_check.go: schema "type", "request_interval", "measure_latency", "reference_name", "routing_control_arn" ForceNew`,
            "type",
            "requestInterval",
            "measureLatency",
            "referenceName",
            "routingControlArn",
        ),
        notes: ["ipAddress, port, resourcePath, fqdn, failureThreshold and regions are updated in place (UpdateHealthCheck)."],
    },
    {
        type: "aws:dynamodb/table:Table",
        stateful: true,
        rules: [
            ...replace(
                `${TF_AWS} internal/service/dynamodb/table.go: schema "name", "hash_key", "range_key", "local_secondary_index", "restore_*" ForceNew`,
                "name",
                "hashKey",
                "rangeKey",
                "localSecondaryIndexes",
                "restoreSourceName",
                "restoreToLatestTime",
                "restoreDateTime",
            ),
            ...AWS_REGION_RULE,
        ],
        notes: ["replicas, billingMode, pointInTimeRecovery, streams and tags are updated in place."],
    },
    {
        type: "aws:ssm/parameter:Parameter",
        stateful: false,
        rules: [
            ...replace(`${TF_AWS} internal/service/ssm/parameter.go: schema "name", "data_type" ForceNew`, "name", "dataType"),
            ...AWS_REGION_RULE,
        ],
        notes: ["value, description and type are updated in place (PutParameter with Overwrite); tier Advanced -> Standard also replaces."],
    },
    {
        type: "gcp:container/cluster:Cluster",
        stateful: true,
        rules: replace(`${TF_GOOGLE} google/services/container/resource_container_cluster.go: schema "name", "location" ForceNew`, "name", "location"),
    },
    {
        type: "gcp:container/nodePool:NodePool",
        stateful: true,
        rules: replace(
            `${TF_GOOGLE} google/services/container/resource_container_node_pool.go: schema "project", "cluster", "location", "name", "name_prefix", "initial_node_count", "max_pods_per_node", "placement_policy", "queued_provisioning" ForceNew`,
            "project",
            "cluster",
            "location",
            "name",
            "namePrefix",
            "initialNodeCount",
            "maxPodsPerNode",
            "placementPolicy",
            "queuedProvisioning",
        ),
        notes: ["nodeLocations, autoscaling, nodeCount and management are updated in place."],
    },
    {
        type: "gcp:compute/globalAddress:GlobalAddress",
        stateful: true,
        rules: replace(
            "GoogleCloudPlatform/magic-modules mmv1/products/compute/GlobalAddress.yaml: immutable: true (only labels have an update URL)",
            "address",
            "addressType",
            "description",
            "ipVersion",
            "name",
            "network",
            "prefixLength",
            "project",
            "purpose",
        ),
    },
    {
        type: "linode:index/instance:Instance",
        stateful: true,
        rules: [
            ...replace(
                `${TF_LINODE} linode/instance/schema_resource.go: schema "image", "backup_id", "stackscript_id", "stackscript_data", "ipv4", "authorized_keys", "authorized_users" ForceNew`,
                "image",
                "backupId",
                "stackscriptId",
                "stackscriptData",
                "ipv4s",
                "authorizedKeys",
                "authorizedUsers",
            ),
            ...replace('@pulumi/linode instance.d.ts: "Changing `firewallId` forces the creation of a new Linode Instance."', "firewallId"),
        ],
        notes: ['region is not replaced: "Changing `region` will trigger a migration of this Linode" (@pulumi/linode instance.d.ts).'],
    },
    {
        type: "linode:index/nodeBalancer:NodeBalancer",
        stateful: true,
        rules: replace('@pulumi/linode nodeBalancer.d.ts: "Changing `region` forces the creation of a new Linode NodeBalancer."', "region"),
    },
    {
        type: "linode:index/nodeBalancerConfig:NodeBalancerConfig",
        stateful: true,
        rules: replace(`${TF_LINODE} linode/nbconfig/framework_schema_resource.go: "nodebalancer_id" RequiresReplace`, "nodebalancerId"),
    },
    {
        type: "linode:index/nodeBalancerNode:NodeBalancerNode",
        stateful: true,
        rules: replace(
            `${TF_LINODE} linode/nbnode/framework_resource_schema.go: "nodebalancer_id", "config_id" RequiresReplace`,
            "nodebalancerId",
            "configId",
        ),
    },
    {
        type: "linode:index/domainRecord:DomainRecord",
        stateful: false,
        rules: replace(
            '@pulumi/linode domainRecord.d.ts: "Changing `domainId` forces the creation of a new Linode Domain Record", likewise `recordType`',
            "domainId",
            "recordType",
        ),
        notes: ["target and ttlSec are updated in place."],
    },
    {
        type: "random:index/randomPassword:RandomPassword",
        stateful: false,
        rules: replace('@pulumi/random randomPassword.d.ts: keepers "when changed, will trigger recreation of resource"', "keepers"),
    },
    // Certificate Manager (the GCP certificate, issue #12): a flip never touches these; listed so a change is explained.
    {
        type: "gcp:certificatemanager/dnsAuthorization:DnsAuthorization",
        stateful: false,
        rules: replace(
            "GoogleCloudPlatform/magic-modules mmv1/products/certificatemanager/DnsAuthorization.yaml: name, location, domain, type immutable: true",
            "name",
            "location",
            "domain",
            "type",
        ),
        notes: ["A new authorization asks for a new CNAME record, so the certificate waits for the Route 53 record to follow."],
    },
    {
        type: "gcp:certificatemanager/certificate:Certificate",
        stateful: false,
        rules: replace(
            "GoogleCloudPlatform/magic-modules mmv1/products/certificatemanager/Certificate.yaml: name, location, scope, managed, selfManaged immutable: true",
            "name",
            "location",
            "scope",
            "managed",
            "selfManaged",
        ),
        notes: ["A replaced managed certificate serves nothing until it is issued again."],
    },
    {
        type: "gcp:certificatemanager/certificateMapEntry:CertificateMapEntry",
        stateful: false,
        rules: replace(
            "GoogleCloudPlatform/magic-modules mmv1/products/certificatemanager/CertificateMapEntry.yaml: name, map, hostname, matcher immutable: true",
            "name",
            "map",
            "hostname",
            "matcher",
        ),
        notes: ["certificates is updated in place (PATCH with an update mask)."],
    },
];

/**
 * Types that hold state but whose replacement-forcing properties are not catalogued above. Any change to
 * them is unsafe anyway (stateful), so the missing rules cannot turn an unsafe change into a safe one.
 */
const STATEFUL_UNCATALOGUED: readonly string[] = [
    "gcp:compute/firewall:Firewall",
    "gcp:compute/healthCheck:HealthCheck",
    "gcp:compute/network:Network",
    "gcp:compute/subnetwork:Subnetwork",
    "linode:index/firewall:Firewall",
    "linode:index/domain:Domain",
];

export const REPLACEMENT_RULES: ReadonlyMap<string, ResourceTypeRules> = new Map(TABLE.map((entry) => [entry.type, entry]));

/** The type's entry in the table, if it has one. */
export function rulesFor(type: string): ResourceTypeRules | undefined {
    return REPLACEMENT_RULES.get(type);
}

export function isStateful(type: string): boolean {
    return REPLACEMENT_RULES.get(type)?.stateful === true || STATEFUL_UNCATALOGUED.includes(type);
}

/** The rule a changed property path falls under, if any. */
export function ruleForPath(type: string, path: string): PropertyRule | undefined {
    return REPLACEMENT_RULES.get(type)?.rules.find((rule) => pathUnder(path, rule.property));
}

/** Every entry, for documentation and the JSON/--help listing. */
export function replacementTable(): readonly ResourceTypeRules[] {
    return TABLE;
}
