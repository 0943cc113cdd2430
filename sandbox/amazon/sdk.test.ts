// The unmodified amazon-sp-api package, pointed at the simulator only through its supported
// https_proxy_agent option, completes the app's Amazon flows end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SellingPartner } from 'amazon-sp-api';
import {
  AMAZON_DEMO_CLIENT_ID,
  AMAZON_DEMO_CLIENT_SECRET,
  AMAZON_DEMO_REFRESH_TOKEN,
  AMAZON_DEMO_SELLER_ID,
  amazonProxyAgent,
} from './index';
import { MP, startAmazon, type Harness } from './testkit';

// The package's typings omit several operations used here (confirmShipment, searchListingsItems).
interface LooseClient {
  callAPI(params: Record<string, unknown>): Promise<unknown>;
  access_token: string;
}

let h: Harness;
let sp: LooseClient;
beforeAll(async () => {
  h = await startAmazon();
  sp = new SellingPartner({
    region: 'na',
    refresh_token: AMAZON_DEMO_REFRESH_TOKEN,
    credentials: { SELLING_PARTNER_APP_CLIENT_ID: AMAZON_DEMO_CLIENT_ID, SELLING_PARTNER_APP_CLIENT_SECRET: AMAZON_DEMO_CLIENT_SECRET },
    options: {
      https_proxy_agent: amazonProxyAgent(h.url),
      retry_remote_timeout: false,
      auto_request_throttled: false,
      timeouts: { response: 5_000, idle: 5_000, deadline: 10_000 },
    },
  }) as unknown as LooseClient;
});
afterAll(() => h.close());

interface Order {
  AmazonOrderId: string;
  OrderStatus: string;
}

describe('amazon-sp-api 1.2.1 against the simulator', () => {
  it('runs getOrders, getOrderItems, RDT + getOrderAddress, confirmShipment and searchListingsItems', async () => {
    const page = (await sp.callAPI({
      operation: 'getOrders',
      endpoint: 'orders',
      query: { MarketplaceIds: [MP], CreatedAfter: '2026-03-14T00:00:00Z', OrderStatuses: ['Unshipped'] },
    })) as { Orders: Order[]; CreatedBefore: string };
    expect(page.Orders.length).toBeGreaterThan(3);
    expect(page.Orders.every((o) => o.OrderStatus === 'Unshipped')).toBe(true);
    // The SDK reached both hosts through the agent, with Amazon's Host headers.
    const lwa = h.svc.sent(/^\/auth\/o2\/token$/);
    expect(lwa).toHaveLength(1);
    expect(lwa[0].headers.host).toBe('api.amazon.com');
    expect(h.svc.sent(/^\/orders\/v0\/orders$/)[0].headers.host).toBe('sellingpartnerapi-na.amazon.com');

    const orderId = page.Orders[0].AmazonOrderId;
    const items = (await sp.callAPI({ operation: 'getOrderItems', endpoint: 'orders', path: { orderId } })) as {
      OrderItems: Array<{ OrderItemId: string; QuantityOrdered: number }>;
    };
    expect(items.OrderItems.length).toBeGreaterThan(0);

    const rdt = (await sp.callAPI({
      operation: 'createRestrictedDataToken',
      endpoint: 'tokens',
      body: { restrictedResources: [{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }] },
    })) as { restrictedDataToken: string; expiresIn: number };
    expect(rdt.expiresIn).toBe(3600);
    const address = (await sp.callAPI({
      operation: 'getOrderAddress',
      endpoint: 'orders',
      path: { orderId },
      restricted_data_token: rdt.restrictedDataToken,
    })) as { ShippingAddress: { Name: string; AddressLine1: string } };
    expect(address.ShippingAddress.Name).toBeTruthy();
    expect(address.ShippingAddress.AddressLine1).toBeTruthy();

    const confirmed = await sp.callAPI({
      operation: 'confirmShipment',
      endpoint: 'orders',
      path: { orderId },
      body: {
        marketplaceId: MP,
        packageDetail: {
          packageReferenceId: '1', carrierCode: 'USPS', shippingMethod: 'Ground Advantage', trackingNumber: '9400111899223344556677',
          shipDate: '2026-03-15T11:00:00Z',
          orderItems: items.OrderItems.map((i) => ({ orderItemId: i.OrderItemId, quantity: i.QuantityOrdered })),
        },
      },
    });
    expect(confirmed).toEqual({ success: true });
    const after = (await sp.callAPI({ operation: 'getOrder', endpoint: 'orders', path: { orderId } })) as Order;
    expect(after.OrderStatus).toBe('Shipped');

    const listings = (await sp.callAPI({
      operation: 'searchListingsItems',
      endpoint: 'listingsItems',
      path: { sellerId: AMAZON_DEMO_SELLER_ID },
      query: { marketplaceIds: [MP], includedData: ['summaries', 'offers', 'fulfillmentAvailability'], pageSize: 20 },
    })) as { numberOfResults: number; items: Array<{ sku: string }> };
    expect(listings.numberOfResults).toBe(20);
    expect(listings.items).toHaveLength(20);
  });

  it('surfaces SP-API errors as CustomError codes', async () => {
    await expect(
      sp.callAPI({
        operation: 'confirmShipment',
        endpoint: 'orders',
        path: { orderId: '111-0000000-0000000' },
        body: { marketplaceId: MP, packageDetail: { packageReferenceId: '1', carrierCode: 'usps', trackingNumber: '1', shipDate: '2026-03-15T11:00:00Z', orderItems: [] } },
      }),
    ).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('refreshes its access token after a simulated expiry and completes the call', async () => {
    const before = h.svc.sent(/^\/auth\/o2\/token$/).length;
    const oldToken = sp.access_token;
    h.clock.advance(3_601_000);
    const page = (await sp.callAPI({
      operation: 'getOrders',
      endpoint: 'orders',
      query: { MarketplaceIds: [MP], LastUpdatedAfter: '2026-03-15T00:00:00Z' },
    })) as { Orders: Order[] };
    expect(page.Orders.length).toBeGreaterThan(0);
    expect(h.svc.sent(/^\/auth\/o2\/token$/).length).toBe(before + 1);
    expect(sp.access_token).not.toBe(oldToken);
    const statuses = h.svc.sent(/^\/orders\/v0\/orders$/).slice(-2).map((r) => r.status);
    expect(statuses).toEqual([403, 200]);
  });
});
