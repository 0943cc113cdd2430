// eBay connector (Sell Fulfillment + Inventory APIs over fetch + zod) and the OAuth helpers the
// Accounts page uses to connect an account.
export { EbayConnector, type EbayConnectorOptions, type EbayCredentials } from './connector';
export { ebayDefaultLimits, type DailyQuota, type EbayQuotaName } from './limits';
export {
  EbayTokenCache, ebayAuthorizeUrl, exchangeEbayCode, sharedEbayTokenCache,
  type AuthorizeUrlInput, type EbayApp, type EbayTokens, type ExchangeCodeInput,
} from './oauth';
export { EBAY_CONNECTOR_SCOPES, EBAY_SCOPES } from './scopes';
