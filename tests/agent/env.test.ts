import * as assert from "node:assert/strict";
import { EnvError, parseEnv } from "../../agent/env";

const VALID = {
    MCDR_SITE: "linode",
    MCDR_REGION: "eu-west-1",
    MCDR_TABLE: "dr-table",
    MCDR_PARAMETER: "/multicloud-dr/active-site",
    MCDR_PARAMETER_REGIONS: "us-east-1, eu-west-1",
    MCDR_APP_HEALTH_URL: "http://127.0.0.1:8080/healthz",
    MCDR_LISTEN: "0.0.0.0:9090",
};

function failure(env: Record<string, string | undefined>): EnvError {
    try {
        parseEnv(env);
    } catch (err) {
        assert.ok(err instanceof EnvError, String(err));
        return err;
    }
    assert.fail("expected an EnvError");
}

describe("agent env", () => {
    it("reads the contract and applies the documented defaults", () => {
        const config = parseEnv(VALID);
        assert.deepEqual(
            { ...config, appHealthUrl: config.appHealthUrl.href },
            {
                site: "linode",
                region: "eu-west-1",
                table: "dr-table",
                parameter: "/multicloud-dr/active-site",
                parameterRegions: ["us-east-1", "eu-west-1"],
                appHealthUrl: "http://127.0.0.1:8080/healthz",
                listen: { host: "0.0.0.0", port: 9090 },
                expectedBody: "ok",
                healthPath: "/health",
                checkDeadlineMs: 1500,
                parameterIntervalMs: 10000,
                maxStalenessMs: 300000,
                canaryKey: { pk: "dr-canary", sk: "dr-canary" },
                activeSiteFile: "/run/mcdr/active-site.json",
            },
        );
    });

    it("takes the optional settings", () => {
        const config = parseEnv({
            ...VALID,
            MCDR_LISTEN: "[::1]:0",
            MCDR_EXPECTED_BODY: "healthy",
            MCDR_HEALTH_PATH: "/dr/health",
            MCDR_CHECK_DEADLINE_MS: "800",
            MCDR_PARAMETER_INTERVAL_MS: "2000",
            MCDR_MAX_STALENESS_MS: "60000",
            MCDR_CANARY_KEY: '{"id":"canary"}',
            MCDR_ACTIVE_SITE_FILE: "/shared/site.json",
        });
        assert.deepEqual(config.listen, { host: "::1", port: 0 });
        assert.deepEqual(
            [config.expectedBody, config.healthPath, config.checkDeadlineMs, config.parameterIntervalMs, config.maxStalenessMs, config.canaryKey, config.activeSiteFile],
            ["healthy", "/dr/health", 800, 2000, 60000, { id: "canary" }, "/shared/site.json"],
        );
    });

    for (const name of ["MCDR_SITE", "MCDR_REGION", "MCDR_TABLE", "MCDR_PARAMETER", "MCDR_PARAMETER_REGIONS", "MCDR_APP_HEALTH_URL", "MCDR_LISTEN"]) {
        it(`names ${name} when it is missing or blank`, () => {
            assert.equal(failure({ ...VALID, [name]: undefined }).message, `${name}: is required`);
            assert.equal(failure({ ...VALID, [name]: "  " }).variable, name);
        });
    }

    const bad: Array<[string, string, RegExp]> = [
        ["MCDR_SITE", "aws", /must be "gcp" or "linode"/],
        ["MCDR_REGION", "useast1", /must be an AWS region/],
        ["MCDR_TABLE", "a b", /DynamoDB table name/],
        ["MCDR_PARAMETER", "active-site", /starting with \//],
        ["MCDR_PARAMETER_REGIONS", "us-east-1,,eu-west-1", /must be an AWS region/],
        ["MCDR_PARAMETER_REGIONS", "us-east-1,us-east-1", /lists us-east-1 twice/],
        ["MCDR_APP_HEALTH_URL", "127.0.0.1:8080/health", /http\(s\) URL/],
        ["MCDR_APP_HEALTH_URL", "ftp://127.0.0.1/health", /http\(s\) URL/],
        ["MCDR_LISTEN", "8080", /host:port/],
        ["MCDR_LISTEN", "0.0.0.0:70000", /host:port/],
        ["MCDR_HEALTH_PATH", "health", /starting with \//],
        ["MCDR_HEALTH_PATH", "/active-site", /other than \/active-site/],
        ["MCDR_CHECK_DEADLINE_MS", "1.5", /integer from 50 to 60000/],
        ["MCDR_CHECK_DEADLINE_MS", "10", /integer from 50 to 60000/],
        ["MCDR_PARAMETER_INTERVAL_MS", "-1", /integer/],
        ["MCDR_MAX_STALENESS_MS", "5000", /more than MCDR_PARAMETER_INTERVAL_MS \(10000\)/],
        ["MCDR_CANARY_KEY", "dr-canary", /JSON object/],
        ["MCDR_CANARY_KEY", '{"pk":1}', /JSON object/],
        ["MCDR_CANARY_KEY", '{"a":"1","b":"2","c":"3"}', /one or two key attributes/],
    ];
    for (const [name, value, problem] of bad) {
        it(`rejects ${name}=${value} naming the variable`, () => {
            const error = failure({ ...VALID, [name]: value });
            assert.equal(error.variable, name);
            assert.ok(error.message.startsWith(`${name}: `), error.message);
            assert.match(error.message, problem);
        });
    }
});
