// Public surface of the Shippo simulator.
export {
  ShippoSandbox,
  defaultShippoKeys,
  SHIPPO_DEMO_API_KEY,
  SHIPPO_DEMO_OWNER,
  type ShippoKey,
  type ShippoSandboxOptions,
} from './service';
export { DEFAULT_TIMINGS, type ShippoTimings } from './world';
export type { Delivery as ShippoWebhookDelivery } from './webhooks';

/** The demo seller's warehouse: a ship-from address the simulator's validator accepts. */
export const SHIPPO_DEMO_FROM_ADDRESS = {
  name: 'Harbor & Pine Fulfillment',
  company: 'Harbor & Pine',
  street1: '1455 NW Irving St',
  city: 'Portland',
  state: 'OR',
  zip: '97209',
  country: 'US',
  phone: '5035550142',
  email: 'shipping@harborandpine.example-sandbox.test',
} as const;
