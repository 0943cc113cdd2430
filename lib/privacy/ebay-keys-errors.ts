// Raised by the key lookup of ebay-keys.ts; kept apart so the receiver needs no configuration.

/** A key lookup was refused to protect the quota: answer "try again later". */
export class KeyLookupThrottled extends Error {
  constructor() {
    super('eBay public-key lookups are throttled: try again in a minute');
    this.name = 'KeyLookupThrottled';
  }
}

