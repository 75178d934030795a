export * from "./dynamoLease";
export * from "./leaseEndpoint";
export * from "./leaseKeeper";
export * from "./leaseTimings";
