// Tokens API 2021-03-01 createRestrictedDataToken: validates restrictedResources against the
// restricted operations this simulator serves and mints an RDT (Atz.sprdt|…, 3600 s) bound to
// exactly those resources for the calling application and selling partner.
import type { SpContext } from './context';
import { resourcePathMatches } from './context';
import { invalidInput, spError, spJson, type SpError } from './http';
import { RDT_TTL_S, type RestrictedResource } from './tokens';

const ORDER_ELEMENTS = ['buyerInfo', 'shippingAddress', 'buyerTaxInformation'];

/** Restricted operations: path template, accepted dataElements, and whether they are required. */
const RESTRICTED: Array<{ path: string; elements: string[]; needsElements: boolean }> = [
  { path: '/orders/v0/orders', elements: ORDER_ELEMENTS, needsElements: true },
  { path: '/orders/v0/orders/{orderId}', elements: ORDER_ELEMENTS, needsElements: true },
  { path: '/orders/v0/orders/{orderId}/orderItems', elements: ['buyerInfo'], needsElements: true },
  { path: '/orders/v0/orders/{orderId}/address', elements: [], needsElements: false },
  { path: '/orders/v0/orders/{orderId}/buyerInfo', elements: [], needsElements: false },
  { path: '/orders/v0/orders/{orderId}/orderItems/buyerInfo', elements: [], needsElements: false },
];

const NO_ACCESS = 'Application do not have access to some or all requested resource';

function checkResource(r: unknown): RestrictedResource | SpError {
  if (!r || typeof r !== 'object') return { code: 'InvalidRequest', message: 'Request is missing or has invalid parameters', details: 'Resource not provided.' };
  const { method, path, dataElements } = r as Record<string, unknown>;
  if (typeof method !== 'string' || typeof path !== 'string' || !method || !path) {
    return { code: 'InvalidRequest', message: 'Request is missing or has invalid parameters', details: 'Resource not provided.' };
  }
  if (!['GET', 'PUT', 'POST', 'DELETE'].includes(method)) return invalidInput(NO_ACCESS, `Invalid method ${method} for ${path}`);
  // A template must be written exactly; a concrete path fills {orderId} with an order id.
  const op = RESTRICTED.find((x) => x.path === path || (!path.includes('{') && resourcePathMatches(x.path, path)));
  if (!op || method !== 'GET') return invalidInput(NO_ACCESS, `${method} ${path} is not a restricted resource`);
  if (dataElements !== undefined && !(Array.isArray(dataElements) && dataElements.every((d) => typeof d === 'string'))) {
    return invalidInput('Invalid dataElements', 'dataElements must be a list of strings.');
  }
  const elements = (dataElements as string[] | undefined) ?? [];
  if (op.needsElements && !elements.length) return invalidInput(`dataElements is required for ${path}`);
  const bad = elements.find((d) => !op.elements.includes(d));
  if (bad) return invalidInput(`Invalid dataElements value ${bad} for ${path}`);
  return { method, path, ...(elements.length ? { dataElements: elements } : {}) };
}

export async function createRestrictedDataToken(ctx: SpContext): Promise<Response> {
  const { rate } = ctx;
  let body: unknown;
  try {
    body = JSON.parse(await ctx.req.text());
  } catch {
    return spError(400, invalidInput('Invalid Input', 'The request body is not valid JSON.'), rate);
  }
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const list = b.restrictedResources;
  if (!Array.isArray(list) || !list.length) {
    return spError(400, { code: 'InvalidRequest', message: 'Request is missing or has invalid parameters', details: 'Resource not provided.' }, rate);
  }
  if (list.length > 50) return spError(400, invalidInput('Too many restricted resources', 'Maximum: 50'), rate);
  if (b.targetApplication !== undefined) {
    // Delegation needs a target application the seller has also authorized; none exists here.
    const known = typeof b.targetApplication === 'string' && ctx.world.apps.some((a) => a.applicationId === b.targetApplication);
    if (!known) return spError(400, invalidInput(NO_ACCESS, `Unknown targetApplication ${String(b.targetApplication)}`), rate);
  }
  const resources: RestrictedResource[] = [];
  for (const r of list) {
    const checked = checkResource(r);
    if ('code' in checked) return spError(400, checked, rate);
    resources.push(checked);
  }
  const { grant, account } = ctx;
  const token = ctx.world.tokens.issueRdt(grant.clientId, account.sellingPartnerId, resources);
  return spJson(200, { restrictedDataToken: token, expiresIn: RDT_TTL_S }, rate);
}
