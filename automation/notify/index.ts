export * from "./types";
export * from "./slack";
export * from "./webhook";
export * from "./flipNotification";
