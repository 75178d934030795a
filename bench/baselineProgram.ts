// The benchmark baseline: the same provider modules as index.ts, loaded under the same mock runtime, and no
// resources. Plan time is reported as a ratio to this.
import "@pulumi/aws";
import "@pulumi/gcp";
import "@pulumi/linode";
import "@pulumi/random";
