export * from "./globalTable";
export * from "./activeSiteParameters";
export * from "./gkeClusters";
export * from "./globalLoadBalancer";
export * from "./formerGkeFleet";
export * from "./linodeSite";
export * from "./route53Failover";
export * from "./hostedZoneRecords";
