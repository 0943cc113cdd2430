export { AmazonConnector, type AmazonAppCredentials, type AmazonConnectorOptions, type AmazonCredentials } from './connector';
export { amazonDefaultLimits, type AmazonOperation, type UsagePlan } from './limits';
export { AMAZON_STATUS_TABLE, mapAmazonStatus } from './status';
export type { AmazonRegion } from './sp';
