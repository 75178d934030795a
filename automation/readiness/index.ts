export * from "./apiAccess";
export * from "./check";
export * from "./checks";
export * from "./gcpCapacity";
export * from "./gcpComputeApi";
export * from "./linodeApi";
export * from "./nameServers";
export * from "./readiness";
