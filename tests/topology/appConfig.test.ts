import * as assert from "assert";
import { ConfigError, parseDrConfig } from "../../topology";
import { stackRawConfig } from "../support/stackConfig";

const parseWith = (overrides: Record<string, string>) => parseDrConfig(stackRawConfig("staging", overrides));

function rejects(overrides: Record<string, string>, key: string, allowed: RegExp): void {
    assert.throws(() => parseWith(overrides), (err: unknown) => err instanceof ConfigError && err.key === key && allowed.test(err.message));
}

describe("the app setting", () => {
    it("defaults to a public image that serves a page, with the agent on another port", () => {
        const { app } = parseWith({});
        assert.deepStrictEqual(
            { image: app.image, port: app.port, healthPath: app.healthPath, replicasPerRegion: app.replicasPerRegion, env: app.env, agentPort: app.agentPort },
            { image: "nginxinc/nginx-unprivileged:1.27-alpine", port: 8080, healthPath: "/", replicasPerRegion: 2, env: {}, agentPort: 9090 },
        );
    });

    it("reads a team's own app", () => {
        const { app } = parseWith({ app: JSON.stringify({ image: "registry.example.com/shop:42", port: 3000, healthPath: "/healthz", replicasPerRegion: 3, env: { LOG_LEVEL: "info" } }) });
        assert.deepStrictEqual([app.image, app.port, app.healthPath, app.replicasPerRegion, app.env], ["registry.example.com/shop:42", 3000, "/healthz", 3, { LOG_LEVEL: "info" }]);
    });

    it("refuses an agent port equal to the app port", () => {
        rejects({ "app.agentPort": "8080" }, "multicloud-dr:app.agentPort", /must differ from app.port \(8080\)/);
    });

    it("refuses a health path that is not absolute", () => {
        rejects({ "app.healthPath": "healthz" }, "multicloud-dr:app.healthPath", /must start with \//);
    });

    it("refuses environment names the agent owns or that are not names", () => {
        rejects({ app: JSON.stringify({ env: { MCDR_SITE: "x" } }) }, "multicloud-dr:app.env.MCDR_SITE", /not one of the agent's MCDR_ names/);
        rejects({ app: JSON.stringify({ env: { "BAD-NAME": "x" } }) }, "multicloud-dr:app.env.BAD-NAME", /environment variable name/);
    });

    it("refuses zero replicas", () => {
        rejects({ "app.replicasPerRegion": "0" }, "multicloud-dr:app.replicasPerRegion", /./);
    });
});
