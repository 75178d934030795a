/**
 * The cloud-config every Linode instance boots with (issue #11): the app and the site agent as podman containers
 * under systemd, a path-routing nginx in front of them, and AWS credentials from IAM Roles Anywhere. Pure: the
 * component hands the rendered text, as a secret, to the instance metadata.
 *
 * Image support: Linode's Metadata service is consumed by cloud-init, and only images marked cloud-init
 * compatible read it (techdocs.akamai.com/cloud-computing/docs/overview-of-the-metadata-service, "Availability"):
 * `linode/debian12` (the default, LINODE_DEFAULTS.image) and `linode/ubuntu22.04`/`linode/ubuntu24.04` are; older
 * images such as `linode/debian11` ignore user data.
 */
import { stringify } from "yaml";
import type { AppContainers } from "./agentEnv";

/**
 * Images this user data is written for: cloud-init reads Linode's metadata on them (see above), and the config
 * installs apt packages. Others are refused rather than booted without app or agent.
 */
export const CLOUD_INIT_IMAGES: readonly string[] = ["linode/debian12", "linode/ubuntu22.04", "linode/ubuntu24.04"];

export function cloudInitImageProblem(image: string): string | undefined {
    return CLOUD_INIT_IMAGES.includes(image) ? undefined : `must be an image whose cloud-init reads Linode's metadata (${CLOUD_INIT_IMAGES.join(", ")}) when user data is given`;
}

/** AWS's published signing helper (IAM Roles Anywhere user guide, "Obtaining temporary security credentials"). */
export const SIGNING_HELPER = {
    url: "https://rolesanywhere.amazonaws.com/releases/1.1.1/X86_64/Linux/aws_signing_helper",
    sha256: "3761071497510ae1bde82aa31e34bbb63b9701deb932434e786a8479062b2b9b",
    path: "/usr/local/bin/aws_signing_helper",
} as const;

export const LINODE_HOST_PATHS = {
    agentEnv: "/etc/mcdr/agent.env",
    appEnv: "/etc/mcdr/app.env",
    awsDir: "/etc/mcdr/aws",
    awsConfig: "/etc/mcdr/aws/config",
    certificate: "/etc/mcdr/aws/client.pem",
    privateKey: "/etc/mcdr/aws/client.key",
    proxyConfig: "/etc/nginx/conf.d/mcdr.conf",
    runDir: "/run/mcdr",
} as const;

/** The unprivileged user the agent container runs as; it owns the client key. Fixed so `--user` can name it. */
export const AGENT_USER = { name: "mcdr", uid: 10001 } as const;

export interface LinodeWorkload extends AppContainers {
    /** The port NodeBalancers reach: nginx routes `healthPath` to the agent and everything else to the app. */
    readonly frontPort: number;
}

/** The agent's view of the estate: nothing here may follow a flip (`activeSite`, `linodeActiveRegion`). */
export interface AgentContract {
    readonly table: string;
    readonly parameterName: string;
    readonly parameterRegions: readonly string[];
    /** The site's own write region (`writeRegions.linode`): the AWS region the agent reads first. */
    readonly region: string;
    readonly healthPath: string;
    readonly expectedBody: string;
    readonly canaryKey: Readonly<Record<string, string>>;
}

export interface RolesAnywhereCredentials {
    readonly trustAnchorArn: string;
    readonly profileArn: string;
    readonly roleArn: string;
    readonly certificatePem: string;
    readonly privateKeyPem: string;
}

export interface LinodeUserDataInput {
    readonly workload: LinodeWorkload;
    readonly agent: AgentContract;
    readonly aws: RolesAnywhereCredentials;
}

/** The agent's environment (agent/README.md, "Environment"). */
export function linodeAgentEnv(input: LinodeUserDataInput): Record<string, string> {
    const { workload, agent } = input;
    return {
        MCDR_SITE: "linode",
        MCDR_REGION: agent.region,
        MCDR_TABLE: agent.table,
        MCDR_PARAMETER: agent.parameterName,
        MCDR_PARAMETER_REGIONS: agent.parameterRegions.join(","),
        MCDR_APP_HEALTH_URL: `http://127.0.0.1:${workload.appPort}${workload.appHealthPath}`,
        MCDR_LISTEN: `0.0.0.0:${workload.agentPort}`,
        MCDR_EXPECTED_BODY: agent.expectedBody,
        MCDR_HEALTH_PATH: agent.healthPath,
        MCDR_CANARY_KEY: JSON.stringify(agent.canaryKey),
        AWS_CONFIG_FILE: LINODE_HOST_PATHS.awsConfig,
    };
}

/** `KEY=value` lines as podman's `--env-file` reads them: no quoting, so a value must not span lines. */
export function envFileContent(vars: Readonly<Record<string, string>>): string {
    return Object.entries(vars)
        .map(([key, value]) => {
            if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) || /[\r\n]/.test(value)) {
                throw new Error(`environment entry ${JSON.stringify(key)} cannot be written to an env file`);
            }
            return `${key}=${value}\n`;
        })
        .join("");
}

/** The shared config file's profile, after the signing helper's documented `credential_process` form. */
export function awsConfigContent(aws: RolesAnywhereCredentials): string {
    const command = [
        SIGNING_HELPER.path,
        "credential-process",
        `--certificate ${LINODE_HOST_PATHS.certificate}`,
        `--private-key ${LINODE_HOST_PATHS.privateKey}`,
        `--trust-anchor-arn ${aws.trustAnchorArn}`,
        `--profile-arn ${aws.profileArn}`,
        `--role-arn ${aws.roleArn}`,
    ].join(" ");
    return `[default]\ncredential_process = ${command}\n`;
}

/** nginx on the front port: the health path to the agent, everything else to the app (README, Linode). */
export function frontProxyConfig(workload: LinodeWorkload, healthPath: string): string {
    const headers = ["proxy_set_header Host $host;", "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", "proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;"];
    const location = (match: string, port: number) => [`    location ${match} {`, `        proxy_pass http://127.0.0.1:${port};`, ...headers.map((h) => `        ${h}`), "    }"];
    return [
        "server {",
        `    listen ${workload.frontPort} default_server;`,
        ...location(`= ${healthPath}`, workload.agentPort),
        ...location("/", workload.appPort),
        "}",
        "",
    ].join("\n");
}

/** Podman's short-name resolution refuses to guess without a TTY: unqualified names are Docker Hub's. */
export function qualifiedImage(image: string): string {
    const first = image.split("/")[0];
    const hasRegistry = image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
    return hasRegistry ? image : `docker.io/${image}`;
}

function containerUnit(description: string, name: string, runArgs: readonly string[], image: string, after: readonly string[]): string {
    return [
        "[Unit]",
        `Description=${description}`,
        `Wants=network-online.target ${after.join(" ")}`.trim(),
        `After=network-online.target ${after.join(" ")}`.trim(),
        "",
        "[Service]",
        "Restart=always",
        "RestartSec=5",
        `ExecStartPre=-/usr/bin/podman rm -f ${name}`,
        `ExecStart=/usr/bin/podman run --rm --name ${name} --network host ${runArgs.join(" ")} ${qualifiedImage(image)}`,
        `ExecStop=/usr/bin/podman stop -t 10 ${name}`,
        "",
        "[Install]",
        "WantedBy=multi-user.target",
        "",
    ].join("\n");
}

export function appUnit(workload: LinodeWorkload): string {
    const p = LINODE_HOST_PATHS;
    return containerUnit("multicloud-dr application", "mcdr-app", [`--env-file ${p.appEnv}`, `-v ${p.runDir}:${p.runDir}:ro`], workload.appImage, []);
}

export function agentUnit(workload: LinodeWorkload): string {
    const p = LINODE_HOST_PATHS;
    const args = [
        `--user ${AGENT_USER.uid}:${AGENT_USER.uid}`,
        `--env-file ${p.agentEnv}`,
        `-v ${p.awsDir}:${p.awsDir}:ro`,
        `-v ${SIGNING_HELPER.path}:${SIGNING_HELPER.path}:ro`,
        `-v ${p.runDir}:${p.runDir}`,
    ];
    return containerUnit("multicloud-dr site agent", "mcdr-agent", args, workload.agentImage, ["mcdr-app.service"]);
}

interface WriteFile {
    readonly path: string;
    readonly content: string;
    readonly permissions: string;
    readonly owner?: string;
    /** Written in the final stage, after `users` exists and packages are installed. */
    readonly defer?: boolean;
}

/** The subset of cloud-config this program uses (cloudinit.readthedocs.io, "Module reference"). */
export interface CloudConfig {
    readonly users: readonly (string | { name: string; system: boolean; uid: number; shell: string })[];
    readonly package_update: boolean;
    readonly packages: readonly string[];
    readonly write_files: readonly WriteFile[];
    readonly runcmd: readonly string[];
}

export function linodeCloudConfig(input: LinodeUserDataInput): CloudConfig {
    const { workload, agent, aws } = input;
    const ports = [workload.frontPort, workload.appPort, workload.agentPort];
    if (new Set(ports).size !== ports.length) {
        throw new Error(`front, app and agent ports must differ (got ${ports.join(", ")})`);
    }
    const p = LINODE_HOST_PATHS;
    const agentOwned = `${AGENT_USER.name}:${AGENT_USER.name}`;
    return {
        users: ["default", { name: AGENT_USER.name, system: true, uid: AGENT_USER.uid, shell: "/usr/sbin/nologin" }],
        package_update: true,
        packages: ["podman", "nginx", "curl", "ca-certificates"],
        write_files: [
            { path: p.agentEnv, content: envFileContent(linodeAgentEnv(input)), permissions: "0644" },
            { path: p.appEnv, content: envFileContent(workload.appEnv), permissions: "0644" },
            { path: p.awsConfig, content: awsConfigContent(aws), permissions: "0644" },
            { path: p.certificate, content: aws.certificatePem, permissions: "0600", owner: agentOwned, defer: true },
            { path: p.privateKey, content: aws.privateKeyPem, permissions: "0600", owner: agentOwned, defer: true },
            // Deferred: written after nginx is installed, so the package's own default site (also default_server on
            // :80) never meets it while dpkg starts nginx; runcmd then removes that site and restarts nginx.
            { path: p.proxyConfig, content: frontProxyConfig(workload, agent.healthPath), permissions: "0644", defer: true },
            { path: "/etc/tmpfiles.d/mcdr.conf", content: `d ${p.runDir} 0755 ${agentOwned.replace(":", " ")} -\n`, permissions: "0644" },
            { path: "/etc/systemd/system/mcdr-app.service", content: appUnit(workload), permissions: "0644" },
            { path: "/etc/systemd/system/mcdr-agent.service", content: agentUnit(workload), permissions: "0644" },
        ],
        runcmd: [
            // Downloaded at boot from AWS and checked against the published checksum; on a mismatch the agent has
            // no credentials, its health path fails and the NodeBalancer keeps the instance out of rotation.
            `curl -fsSL --retry 5 -o ${SIGNING_HELPER.path} ${SIGNING_HELPER.url} && echo "${SIGNING_HELPER.sha256}  ${SIGNING_HELPER.path}" | sha256sum -c - && chmod 0755 ${SIGNING_HELPER.path}`,
            "systemd-tmpfiles --create /etc/tmpfiles.d/mcdr.conf",
            "rm -f /etc/nginx/sites-enabled/default",
            "systemctl restart nginx",
            "systemctl daemon-reload",
            "systemctl enable --now mcdr-app.service mcdr-agent.service",
        ],
    };
}

export function renderCloudConfig(config: CloudConfig): string {
    return `#cloud-config\n${stringify(config, { lineWidth: 0 })}`;
}
