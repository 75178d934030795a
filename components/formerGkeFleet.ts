import * as pulumi from "@pulumi/pulumi";

/** The component GkeClusters and GlobalLoadBalancer were split from. */
export const FORMER_GKE_FLEET_TYPE = "multicloud-dr:gcp:GkeFleet";

/**
 * For stacks deployed before the split: their clusters and load balancer resources are parented by a
 * `GkeFleet` of the same name. This transformation aliases each cloud resource of the component it is given
 * to to its URN under that former parent, so `pulumi up` moves it under the new parent instead of replacing
 * it. The former component itself is only deleted (a component owns nothing in a cloud). Child names did not
 * change, so name and type stay as they are. Remove once every stack has been updated.
 */
export function aliasToFormerGkeFleet(name: string): pulumi.ResourceTransformation {
    const formerParent = pulumi.createUrn(name, FORMER_GKE_FLEET_TYPE);
    // Transformations run before the resource's own constructor body, so `isInstance` flags are not set yet.
    return ({ resource, props, opts }) =>
        resource instanceof pulumi.CustomResource ? { props, opts: { ...opts, aliases: [...(opts.aliases ?? []), { parent: formerParent }] } } : undefined;
}
