/** Secret config the program requires; set with `pulumi config set --secret`, never plain text in a stack file. */
export const REQUIRED_SECRETS: readonly string[] = ["nodeBalancerTlsCert", "nodeBalancerTlsKey"];
