import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { frontProxyConfig, LinodeUserDataInput, linodeCloudConfig, qualifiedImage, renderCloudConfig } from "../../topology";

export const USER_DATA_INPUT: LinodeUserDataInput = {
    workload: {
        appImage: "nginxinc/nginx-unprivileged:1.27-alpine",
        appPort: 8080,
        appHealthPath: "/healthz",
        appEnv: { GREETING: "hello world", MODE: "a=b" },
        agentImage: "ghcr.io/example/multicloud-dr-agent:0.1.0",
        agentPort: 9090,
        frontPort: 80,
    },
    agent: {
        table: "orders",
        parameterName: "/multicloud-dr/test/active-site",
        parameterRegions: ["us-east-1", "us-east-2"],
        region: "us-east-2",
        healthPath: "/health",
        expectedBody: "ok",
        canaryKey: { pk: "dr-canary", sk: "dr-canary" },
    },
    aws: {
        trustAnchorArn: "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/ta",
        profileArn: "arn:aws:rolesanywhere:us-east-1:123456789012:profile/pr",
        roleArn: "arn:aws:iam::123456789012:role/linode",
        certificatePem: "-----BEGIN CERTIFICATE-----\nCERT\n-----END CERTIFICATE-----\n",
        privateKeyPem: "-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n",
    },
};

const rendered = renderCloudConfig(linodeCloudConfig(USER_DATA_INPUT));
const parsed = parse(rendered);
const file = (p: string) => parsed.write_files.find((f: { path: string }) => f.path === p);
const envOf = (content: string) => Object.fromEntries(content.trimEnd().split("\n").map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));

/** cloud-init's own validator (Debian package `cloud-init`); scripts/test.sh installs it when missing. */
function validator(): string | undefined {
    const found = spawnSync("sh", ["-c", "command -v cloud-init"], { encoding: "utf8" });
    return found.status === 0 ? found.stdout.trim() : undefined;
}

describe("Linode cloud-config", () => {
    it("is valid by cloud-init's own schema (cloud-init schema --config-file)", function () {
        const cloudInit = validator();
        if (!cloudInit) {
            // Only when the validator cannot be installed (scripts/test.sh tries apt-get): say so, never pass silently.
            console.warn("    SKIPPED: cloud-init is not installed and could not be installed; the user data was not schema-checked");
            this.skip();
        }
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cloud-config-"));
        try {
            const target = path.join(dir, "user-data");
            fs.writeFileSync(target, rendered);
            const out = execFileSync(cloudInit!, ["schema", "--config-file", target], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
            assert.match(out, /Valid cloud-config/);
            fs.writeFileSync(target, `${rendered}packages: "not-a-list"\nruncmd: 5\n`);
            const bad = spawnSync(cloudInit!, ["schema", "--config-file", target], { encoding: "utf8" });
            assert.notStrictEqual(bad.status, 0, "the validator rejects a broken config, so a pass above means something");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("starts with the #cloud-config header", () => {
        assert.strictEqual(rendered.split("\n")[0], "#cloud-config");
    });

    it("carries the agent contract in /etc/mcdr/agent.env", () => {
        assert.deepStrictEqual(envOf(file("/etc/mcdr/agent.env").content), {
            MCDR_SITE: "linode",
            MCDR_REGION: "us-east-2",
            MCDR_TABLE: "orders",
            MCDR_PARAMETER: "/multicloud-dr/test/active-site",
            MCDR_PARAMETER_REGIONS: "us-east-1,us-east-2",
            MCDR_APP_HEALTH_URL: "http://127.0.0.1:8080/healthz",
            MCDR_LISTEN: "0.0.0.0:9090",
            MCDR_EXPECTED_BODY: "ok",
            MCDR_HEALTH_PATH: "/health",
            MCDR_CANARY_KEY: '{"pk":"dr-canary","sk":"dr-canary"}',
            AWS_CONFIG_FILE: "/etc/mcdr/aws/config",
        });
        assert.deepStrictEqual(envOf(file("/etc/mcdr/app.env").content), { GREETING: "hello world", MODE: "a=b" });
    });

    it("writes the client certificate and key 0600 for the agent user, and a credential_process profile", () => {
        for (const [p, pem] of [["/etc/mcdr/aws/client.pem", USER_DATA_INPUT.aws.certificatePem], ["/etc/mcdr/aws/client.key", USER_DATA_INPUT.aws.privateKeyPem]]) {
            assert.deepStrictEqual(file(p), { path: p, content: pem, permissions: "0600", owner: "mcdr:mcdr", defer: true });
        }
        assert.strictEqual(
            file("/etc/mcdr/aws/config").content,
            "[default]\ncredential_process = /usr/local/bin/aws_signing_helper credential-process --certificate /etc/mcdr/aws/client.pem" +
                " --private-key /etc/mcdr/aws/client.key --trust-anchor-arn arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/ta" +
                " --profile-arn arn:aws:rolesanywhere:us-east-1:123456789012:profile/pr --role-arn arn:aws:iam::123456789012:role/linode\n",
        );
        assert.ok(parsed.users.some((u: { name?: string; uid?: number }) => u.name === "mcdr" && u.uid === 10001));
    });

    it("installs podman from the distribution and fetches the signing helper from AWS, checksum-checked", () => {
        assert.ok(parsed.packages.includes("podman"));
        const fetch = parsed.runcmd.find((c: string) => c.includes("aws_signing_helper"));
        assert.match(fetch, /curl .*https:\/\/rolesanywhere\.amazonaws\.com\/releases\/1\.1\.1\/X86_64\/Linux\/aws_signing_helper/);
        assert.match(fetch, /sha256sum -c/);
    });

    it("runs app and agent as restarting host-network containers, the agent after the app", () => {
        const app = file("/etc/systemd/system/mcdr-app.service").content as string;
        const agent = file("/etc/systemd/system/mcdr-agent.service").content as string;
        for (const unit of [app, agent]) {
            assert.match(unit, /^Restart=always$/m);
            assert.match(unit, /podman run .*--network host/);
        }
        assert.match(app, /--env-file \/etc\/mcdr\/app\.env .*docker\.io\/nginxinc\/nginx-unprivileged:1\.27-alpine$/m);
        assert.match(agent, /--user 10001:10001 --env-file \/etc\/mcdr\/agent\.env .*ghcr\.io\/example\/multicloud-dr-agent:0\.1\.0$/m);
        assert.match(agent, /^After=network-online\.target mcdr-app\.service$/m);
        assert.ok(parsed.runcmd.includes("systemctl enable --now mcdr-app.service mcdr-agent.service"));
    });

    it("routes the health path to the agent and the rest to the app on the front port", () => {
        const conf = frontProxyConfig(USER_DATA_INPUT.workload, "/health");
        assert.match(conf, /listen 80 default_server;/);
        assert.match(conf, /location = \/health \{\n\s+proxy_pass http:\/\/127\.0\.0\.1:9090;/);
        assert.match(conf, /location \/ \{\n\s+proxy_pass http:\/\/127\.0\.0\.1:8080;/);
        assert.strictEqual(file("/etc/nginx/conf.d/mcdr.conf").content, conf);
    });

    it("qualifies Docker Hub short names and keeps registry names", () => {
        assert.strictEqual(qualifiedImage("nginx:1"), "docker.io/nginx:1");
        assert.strictEqual(qualifiedImage("ghcr.io/a/b:1"), "ghcr.io/a/b:1");
        assert.strictEqual(qualifiedImage("localhost:5000/a"), "localhost:5000/a");
    });

    it("refuses clashing ports and env values an env file cannot hold", () => {
        assert.throws(() => linodeCloudConfig({ ...USER_DATA_INPUT, workload: { ...USER_DATA_INPUT.workload, frontPort: 8080 } }), /ports must differ/);
        assert.throws(() => linodeCloudConfig({ ...USER_DATA_INPUT, workload: { ...USER_DATA_INPUT.workload, appEnv: { A: "x\ny" } } }), /"A" cannot be written/);
    });
});
