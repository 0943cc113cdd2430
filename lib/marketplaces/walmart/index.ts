export { WalmartConnector, type WalmartConnectorOptions } from './connector';
export type { WalmartCredentials } from './client';
export { walmartDefaultLimits, type WalmartOperation } from './limits';
