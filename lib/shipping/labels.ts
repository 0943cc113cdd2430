// Shippo transactions (labels) as ESM reads them: created with the shipment id in `metadata`,
// looked up by rate when an answer was unclear. A response the SDK's strict schema refuses
// (shippo-javascript-sdk #109) is read from its raw JSON: the label it describes exists.
import type { Shippo } from 'shippo';
import { ResponseValidationError } from 'shippo/models/errors';
import { classifyShippoError } from './shippo';

export const shipmentMetadata = (shipmentId: string) => `esm:shipment:${shipmentId}`;

export interface Label {
  id: string;
  status: string;
  rate: string | null;
  metadata: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  labelUrl: string | null;
  messages: string[];
}

type Loose = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** From the SDK's camelCase model or Shippo's snake_case wire JSON. */
export function toLabel(t: Loose): Label | null {
  const id = str(t.objectId ?? t.object_id);
  if (!id) return null;
  const msgs = Array.isArray(t.messages) ? (t.messages as Loose[]) : [];
  return {
    id,
    status: str(t.status) ?? 'UNKNOWN',
    rate: typeof t.rate === 'string' ? t.rate : str((t.rate as Loose | undefined)?.objectId ?? (t.rate as Loose | undefined)?.object_id),
    metadata: str(t.metadata),
    trackingNumber: str(t.trackingNumber ?? t.tracking_number),
    trackingUrl: str(t.trackingUrlProvider ?? t.tracking_url_provider),
    labelUrl: str(t.labelUrl ?? t.label_url),
    messages: msgs.map((m) => str(m.text)).filter((x): x is string => !!x).map((x) => x.slice(0, 200)),
  };
}

function rawJson(e: ResponseValidationError): Loose | null {
  try {
    const v = JSON.parse(e.body) as unknown;
    return v && typeof v === 'object' ? (v as Loose) : null;
  } catch {
    return null;
  }
}

export async function createLabel(shippo: Shippo, rate: string, shipmentId: string): Promise<Label> {
  try {
    const t = await shippo.transactions.create({ rate, labelFileType: 'PDF_4x6', async: false, metadata: shipmentMetadata(shipmentId) });
    const label = toLabel(t as unknown as Loose);
    if (label) return label;
  } catch (e) {
    const raw = e instanceof ResponseValidationError && e.statusCode === 201 ? rawJson(e) : null;
    const label = raw && toLabel(raw);
    if (label) return label;
    throw classifyShippoError(e);
  }
  throw classifyShippoError(new Error('transaction without an id'));
}

/**
 * The label bought for this rate, if any: ours by metadata first, else any live label of the
 * rate (a rate is bought once; its shipment belongs to one order). Null: none exists.
 */
export async function findLabel(shippo: Shippo, rate: string, shipmentId: string): Promise<Label | null> {
  let results: Loose[];
  try {
    const page = await shippo.transactions.list({ rate, results: 25 });
    results = (page.results ?? []) as unknown as Loose[];
  } catch (e) {
    const raw = e instanceof ResponseValidationError && e.statusCode === 200 ? rawJson(e) : null;
    if (!raw || !Array.isArray(raw.results)) throw classifyShippoError(e);
    results = raw.results as Loose[];
  }
  const labels = results.map(toLabel).filter((l): l is Label => !!l && (l.rate === null || l.rate === rate));
  const live = (l: Label) => !['ERROR', 'REFUNDED'].includes(l.status);
  return labels.find((l) => l.metadata === shipmentMetadata(shipmentId) && live(l)) ?? labels.find(live) ?? null;
}
