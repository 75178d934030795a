export * from "./globalTable";
export * from "./activeSiteParameters";
export * from "./gkeFleet";
export * from "./linodeSite";
export * from "./route53Failover";
