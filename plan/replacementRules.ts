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

const rulesWith = (effect: RuleEffect) => (source: string, ...properties: string[]): PropertyRule[] =>
    properties.map((property) => ({ property, effect, source }));
const replace = rulesWith("replace");
const unsafe = rulesWith("unsafe");

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
            ...unsafe(
                `${TF_AWS} internal/service/dynamodb/table.go (a stored copy, read offline): schema "replica.consistency_mode" and "global_table_witness" are not ForceNew, so the provider tries the switch in place; ` +
                    "@pulumi/aws dynamodb/table.d.ts links the AWS Developer Guide page multi-region-strong-consistency-gt.html for MRSC restrictions (issue #13: MRSC is turned on only for an empty table; not checkable offline), so switching a table that holds data means a new table",
                "replicas.consistencyMode",
                "globalTableWitness",
            ),
        ],
        notes: ["replicas, billingMode, pointInTimeRecovery, streams and tags are updated in place; a consistency-mode switch is not (see its rules)."],
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
        rules: [
            ...replace(
                `${TF_GOOGLE} google/services/container/resource_container_cluster.go: schema "name", "location", "project", "network", "subnetwork", "initial_node_count", "description", "networking_mode", "default_max_pods_per_node", "datapath_provider", "enable_kubernetes_alpha" ForceNew`,
                "name",
                "location",
                "project",
                "network",
                "subnetwork",
                "initialNodeCount",
                "description",
                "networkingMode",
                "defaultMaxPodsPerNode",
                "datapathProvider",
                "enableKubernetesAlpha",
            ),
            ...replace(`${TF_GOOGLE} google/services/container/resource_container_cluster.go: schema "ip_allocation_policy" ForceNew (the block and its ranges)`, "ipAllocationPolicy"),
            ...replace(
                `${TF_GOOGLE} google/services/container/resource_container_cluster.go: schema "private_cluster_config" "master_ipv4_cidr_block", "private_endpoint_subnetwork" ForceNew`,
                "privateClusterConfig.masterIpv4CidrBlock",
                "privateClusterConfig.privateEndpointSubnetwork",
            ),
        ],
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
        ).concat(
            replace(
                `${TF_GOOGLE} google/services/container/node_config.go: schema "oauth_scopes", "service_account", "shielded_instance_config", "metadata", "preemptible", "spot", "min_cpu_platform", "boot_disk_kms_key" ForceNew`,
                "nodeConfig.oauthScopes",
                "nodeConfig.serviceAccount",
                "nodeConfig.shieldedInstanceConfig",
                "nodeConfig.metadata",
                "nodeConfig.preemptible",
                "nodeConfig.spot",
                "nodeConfig.minCpuPlatform",
                "nodeConfig.bootDiskKmsKey",
            ),
            replace(
                `${TF_GOOGLE} google/services/container/resource_container_node_pool.go: schema "network_config" "create_pod_range", "pod_range", "pod_ipv4_cidr_block" ForceNew`,
                "networkConfig.createPodRange",
                "networkConfig.podRange",
                "networkConfig.podIpv4CidrBlock",
            ),
        ),
        notes: [
            "nodeLocations, autoscaling, nodeCount, management and nodeConfig.machineType are updated in place.",
            'components/gkeClusters.ts ignores initialNodeCount after creation (ignoreChanges), as the provider docs advise: "Changing this will force recreation of the resource".',
        ],
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
        type: "gcp:compute/healthCheck:HealthCheck",
        stateful: true,
        rules: replace(`${TF_GOOGLE} google/services/compute/resource_compute_health_check.go: schema "name", "project" ForceNew`, "name", "project"),
        notes: ["check intervals, thresholds and the HTTP check are updated in place (PUT)."],
    },
    {
        type: "gcp:compute/backendService:BackendService",
        stateful: false,
        rules: replace(`${TF_GOOGLE} google/services/compute/resource_compute_backend_service.go: schema "name", "params", "project" ForceNew`, "name", "params", "project"),
        notes: ["backends (with their capacityScaler), healthChecks and timeouts are updated in place (PUT)."],
    },
    {
        type: "gcp:compute/uRLMap:URLMap",
        stateful: false,
        rules: replace(`${TF_GOOGLE} google/services/compute/resource_compute_url_map.go: schema "name", "project" ForceNew`, "name", "project"),
    },
    {
        type: "gcp:compute/targetHttpsProxy:TargetHttpsProxy",
        stateful: false,
        rules: replace(
            `${TF_GOOGLE} google/services/compute/resource_compute_target_https_proxy.go: schema "name", "description", "http_keep_alive_timeout_sec", "proxy_bind", "tls_early_data", "project" ForceNew`,
            "name",
            "description",
            "httpKeepAliveTimeoutSec",
            "proxyBind",
            "tlsEarlyData",
            "project",
        ),
        notes: ["urlMap and sslCertificates are updated in place (setUrlMap, setSslCertificates)."],
    },
    {
        type: "gcp:compute/targetHttpProxy:TargetHttpProxy",
        stateful: false,
        rules: replace(
            `${TF_GOOGLE} google/services/compute/resource_compute_target_http_proxy.go: schema "name", "description", "http_keep_alive_timeout_sec", "proxy_bind", "project" ForceNew`,
            "name",
            "description",
            "httpKeepAliveTimeoutSec",
            "proxyBind",
            "project",
        ),
    },
    {
        type: "gcp:compute/globalForwardingRule:GlobalForwardingRule",
        stateful: false,
        rules: replace(
            `${TF_GOOGLE} google/services/compute/resource_compute_global_forwarding_rule.go: schema "name", "ip_address", "ip_protocol", "description", "ip_version", "metadata_filters", "network", "network_tier", "no_automate_dns_zone", "port_range", "service_directory_registrations", "source_ip_ranges", "subnetwork", "project" ForceNew`,
            "name",
            "ipAddress",
            "ipProtocol",
            "description",
            "ipVersion",
            "metadataFilters",
            "network",
            "networkTier",
            "noAutomateDnsZone",
            "portRange",
            "serviceDirectoryRegistrations",
            "sourceIpRanges",
            "subnetwork",
            "project",
        ),
        notes: ["target and labels are updated in place (setTarget, setLabels)."],
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
            ...replace(`${TF_LINODE} linode/instance/schema_resource.go: resourceMetadata "user_data" ForceNew`, "metadatas"),
            {
                property: "region",
                effect: "unsafe",
                source: `${TF_LINODE} linode/instance/resource.go updateResource: a change of "region" migrates the Linode (applyInstanceMigration) to the new data center`,
            },
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
        type: "linode:index/domain:Domain",
        stateful: true,
        rules: replace(`${TF_LINODE} linode/domain/schema_resource.go: schema "type" ForceNew`, "type"),
        notes: ["domain, soaEmail, ttlSec and the other SOA fields are updated in place (UpdateDomain)."],
    },
    {
        type: "linode:index/firewall:Firewall",
        stateful: true,
        rules: [],
        notes: [`${TF_LINODE} linode/firewall/framework_schema_resource.go has no RequiresReplace: rules, devices and policies are updated in place.`],
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
    "gcp:compute/network:Network",
    "gcp:compute/subnetwork:Subnetwork",
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
