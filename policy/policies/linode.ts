import { ResourceValidationPolicy } from "@pulumi/policy";
import { LINODE_LABEL_RULES, LINODE_PRIVATE_RANGE, LINODE_TTLS, LinodeLabelKind } from "../../topology/platformLimits";
import { linodeLabelProblem } from "../../topology/validators";
import { cidrContains, isWholeInternet } from "../../topology/cidr";
import { hostOf, portsInclude } from "./network";
import { knownFails, isKnown, knownItems, requiredFails, validateType } from "./values";

export const LINODE_INSTANCE = "linode:index/instance:Instance";
export const LINODE_FIREWALL = "linode:index/firewall:Firewall";
export const LINODE_NODEBALANCER = "linode:index/nodeBalancer:NodeBalancer";
export const LINODE_NODEBALANCER_CONFIG = "linode:index/nodeBalancerConfig:NodeBalancerConfig";
export const LINODE_NODEBALANCER_NODE = "linode:index/nodeBalancerNode:NodeBalancerNode";
export const LINODE_FIREWALL_DEVICE = "linode:index/firewallDevice:FirewallDevice";
export const LINODE_DOMAIN = "linode:index/domain:Domain";
export const LINODE_DOMAIN_RECORD = "linode:index/domainRecord:DomainRecord";

const ACTIVE_HTTP_CHECKS = ["http", "http_body", "httpBody"];

export const linodeInstancePrivateIp: ResourceValidationPolicy = {
    name: "linode-instance-private-ip",
    description: "Linode instances have a private IP, the only address a NodeBalancer can send traffic to.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(LINODE_INSTANCE, (instance, _args, reportViolation) => {
        if (requiredFails(instance.privateIp, (on) => on === true)) {
            reportViolation("privateIp must be true: NodeBalancers reach backends only on 192.168.128.0/17.");
        }
    }),
};

export const linodeInstanceFirewallAtCreation: ResourceValidationPolicy = {
    name: "linode-instance-firewall-at-creation",
    description: "Linode instances name their firewall at creation (firewallId), so none boots unprotected.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: validateType(LINODE_INSTANCE, (instance, _args, reportViolation) => {
        if (requiredFails(instance.firewallId, (id) => Number.isInteger(Number(id)) && Number(id) > 0)) {
            reportViolation(`firewallId is ${String(instance.firewallId ?? "unset")}; the instance would boot before a firewall is attached.`);
        }
    }),
};

export const linodeFirewallDefaultDrop: ResourceValidationPolicy = {
    name: "linode-firewall-default-drop",
    description: "Linode firewalls drop inbound traffic by default and accept only what a rule names.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(LINODE_FIREWALL, (firewall, _args, reportViolation) => {
        if (requiredFails(firewall.inboundPolicy, (policy) => policy === "DROP")) {
            reportViolation(`inboundPolicy is ${String(firewall.inboundPolicy ?? "unset")}; it must be DROP.`);
        }
    }),
};

export const linodeFirewallNoPublicSsh: ResourceValidationPolicy = {
    name: "linode-firewall-no-public-ssh",
    description: "Linode firewalls admit no SSH (port 22) from 0.0.0.0/0 or ::/0.",
    enforcementLevel: "mandatory",
    severity: "critical",
    configSchema: {
        properties: {
            sshPort: { type: "integer", minimum: 1, maximum: 65535, default: 22, description: "The port SSH listens on." },
        },
    },
    validateResource: validateType(LINODE_FIREWALL, (firewall, args, reportViolation) => {
        const { sshPort = 22 } = args.getConfig<{ sshPort?: number }>();
        for (const rule of knownItems<Record<string, any>>(firewall.inbounds)) {
            const accepts = rule.action === "ACCEPT";
            const tcp = !isKnown(rule.protocol) || String(rule.protocol).toUpperCase() === "TCP";
            const ports = isKnown(rule.ports) ? (rule.ports as string) : undefined;
            if (!accepts || !tcp || !portsInclude(ports, sshPort)) {
                continue;
            }
            const open = [...knownItems<string>(rule.ipv4s), ...knownItems<string>(rule.ipv6s)].filter(isWholeInternet);
            if (open.length > 0) {
                reportViolation(`inbound rule ${String(rule.label ?? "(unlabelled)")} admits SSH (port ${sshPort}) from ${open.join(", ")}.`);
            }
        }
    }),
};

export const linodeNodeBalancerHealthCheck: ResourceValidationPolicy = {
    name: "linode-nodebalancer-health-check",
    description: "Linode NodeBalancer configs run an active HTTP health check on a path, so dead backends leave rotation.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(LINODE_NODEBALANCER_CONFIG, (config, _args, reportViolation) => {
        if (requiredFails(config.check, (check: string) => ACTIVE_HTTP_CHECKS.includes(check))) {
            reportViolation(`check is ${String(config.check ?? "unset")}; it must be http or http_body (none and connection do not test the application).`);
            return;
        }
        if (requiredFails(config.checkPath, (path: string) => path.startsWith("/"))) {
            reportViolation(`checkPath is ${String(config.checkPath ?? "unset")}; it must be an absolute path such as /health.`);
        }
    }),
};

export const linodeNodeBalancerHttpsCertificate: ResourceValidationPolicy = {
    name: "linode-nodebalancer-https-certificate",
    description: "Linode NodeBalancer configs that terminate HTTPS carry a certificate and its private key (sslCert, sslKey).",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(LINODE_NODEBALANCER_CONFIG, (config, _args, reportViolation) => {
        if (!isKnown(config.protocol) || String(config.protocol).toLowerCase() !== "https") {
            return;
        }
        const missing = (["sslCert", "sslKey"] as const).filter((key) => requiredFails(config[key], (pem: string) => String(pem).trim() !== ""));
        if (missing.length > 0) {
            reportViolation(`an https config without ${missing.join(" and ")}: Linode cannot terminate TLS on it.`);
        }
    }),
};

export const linodeNodeBalancerPrivateBackends: ResourceValidationPolicy = {
    name: "linode-nodebalancer-private-backends",
    description: `Linode NodeBalancer nodes address private IPs (${LINODE_PRIVATE_RANGE}), the only backends a NodeBalancer reaches.`,
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: validateType(LINODE_NODEBALANCER_NODE, (node, _args, reportViolation) => {
        // The address derives from the instance's private IP, which Linode assigns: unknown until it exists.
        if (knownFails(node.address, (address: string) => cidrContains(LINODE_PRIVATE_RANGE, hostOf(address)))) {
            reportViolation(`address ${String(node.address)} is not in ${LINODE_PRIVATE_RANGE}: the NodeBalancer cannot reach it.`);
        }
    }),
};

export const linodeDnsTtl: ResourceValidationPolicy = {
    name: "linode-dns-ttl",
    description: `Linode DNS zones and records use a TTL Linode keeps (${LINODE_TTLS.join(", ")}); others are rounded and drift.`,
    enforcementLevel: "mandatory",
    severity: "low",
    validateResource: [LINODE_DOMAIN, LINODE_DOMAIN_RECORD].map((type) =>
        validateType(type, (resource, _args, reportViolation) => {
            if (knownFails(resource.ttlSec, (ttl: number) => LINODE_TTLS.includes(ttl))) {
                reportViolation(`ttlSec ${String(resource.ttlSec)} is not a TTL Linode keeps; it would be rounded and show as drift.`);
            }
        }),
    ),
};

function labelPolicy(kind: LinodeLabelKind, type: string, name: string, what: string): ResourceValidationPolicy {
    const rule = LINODE_LABEL_RULES[kind];
    return {
        name,
        description: `Linode ${what} labels are ones the Linode API accepts (${rule.min}-${rule.max} characters of ${rule.char.source}${rule.alphanumericEnds ? ", starting and ending with a letter or digit" : ""}${rule.noDoubledSeparators ? ", no --, __ or .." : ""}).`,
        enforcementLevel: "mandatory",
        severity: "medium",
        validateResource: validateType(type, (resource, _args, reportViolation) => {
            if (requiredFails(resource.label, (label: string) => linodeLabelProblem(kind, label) === undefined)) {
                const label = resource.label === undefined ? "unset" : `"${String(resource.label)}"`;
                reportViolation(`label is ${label}; the Linode API refuses it: ${linodeLabelProblem(kind, String(resource.label ?? "")) ?? "it is required"}.`);
            }
        }),
    };
}

export const linodeInstanceLabel = labelPolicy("instance", LINODE_INSTANCE, "linode-instance-label", "instance");
export const linodeFirewallLabel = labelPolicy("firewall", LINODE_FIREWALL, "linode-firewall-label", "firewall");
export const linodeNodeBalancerLabel = labelPolicy("nodeBalancer", LINODE_NODEBALANCER, "linode-nodebalancer-label", "NodeBalancer");
export const linodeNodeBalancerNodeLabel = labelPolicy("nodeBalancerNode", LINODE_NODEBALANCER_NODE, "linode-nodebalancer-node-label", "NodeBalancer node");

export const linodePolicies = [
    linodeInstanceLabel,
    linodeFirewallLabel,
    linodeNodeBalancerLabel,
    linodeNodeBalancerNodeLabel,
    linodeInstancePrivateIp,
    linodeInstanceFirewallAtCreation,
    linodeFirewallDefaultDrop,
    linodeFirewallNoPublicSsh,
    linodeNodeBalancerHealthCheck,
    linodeNodeBalancerHttpsCertificate,
    linodeNodeBalancerPrivateBackends,
    linodeDnsTtl,
];
