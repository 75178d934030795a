// The benchmark baseline: the same provider modules as index.ts and its components (tests/bench keeps the two
// lists equal), loaded under the same mock runtime, and no resources. Plan time is reported as a ratio to this.
import "@pulumi/aws";
import "@pulumi/gcp";
import "@pulumi/kubernetes";
import "@pulumi/linode";
import "@pulumi/random";
import "@pulumi/tls";
