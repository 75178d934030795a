import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { absolutePathProblem, PublishedActiveSite, repeatedProblem } from "../topology";
import { InputChecks } from "./inputErrors";

export interface ActiveSiteParametersArgs {
    /** SSM parameter name, the same in every region. */
    readonly parameterName: string;
    /** Regions to publish in: every region that holds the table, so an application reads it locally. */
    readonly regions: readonly string[];
    /** What to publish. */
    readonly value: PublishedActiveSite;
    readonly tags?: Record<string, string>;
}

/**
 * Publishes the active site and the DynamoDB write region where applications read them: one SSM parameter
 * per region, its value JSON. A failover changes these values in place.
 */
export class ActiveSiteParameters extends pulumi.ComponentResource {
    public readonly parameters: Record<string, aws.ssm.Parameter> = {};
    public readonly parameterName: string;

    constructor(name: string, args: ActiveSiteParametersArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicloud-dr:data:ActiveSiteParameters", name, {}, opts);
        new InputChecks("ActiveSiteParameters")
            .check("parameterName", absolutePathProblem(args.parameterName))
            .check("regions", args.regions.length > 0 ? repeatedProblem(args.regions) : "must list at least one region")
            .throwIfAny();
        for (const region of args.regions) {
            this.parameters[region] = new aws.ssm.Parameter(
                `${name}-${region}`,
                {
                    name: args.parameterName,
                    region,
                    type: "String",
                    // Not a secret: `insecureValue` keeps it readable in diffs and in the console.
                    insecureValue: JSON.stringify(args.value),
                    description: "Active site and DynamoDB write region of the multicloud-dr estate; changed by failover.",
                    tags: args.tags,
                },
                { parent: this },
            );
        }
        this.parameterName = args.parameterName;
        this.registerOutputs({ parameterName: this.parameterName });
    }
}
