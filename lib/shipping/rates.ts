// Rate shopping: the ship-to address checked by Shippo, then one Shippo shipment (async: false)
// whose rates come from every carrier on the account. The shipment's metadata names the order,
// so a purchase can prove a rate belongs to the order it is bought for.
import type { Shippo } from 'shippo';
import type { Rate } from 'shippo/models/components';
import { toShippoAddress, validateAddress, type AddressInput } from './addresses';
import { ShippoCallError, shippoCall } from './shippo';
import type { PackagePreset, RateQuote, RateView } from './types';

export const orderMetadata = (orderId: string) => `esm:order:${orderId}`;

export interface Parcel {
  lengthIn: number;
  widthIn: number;
  heightIn: number;
  weightOz: number;
}

export function parcelOf(preset: Pick<PackagePreset, 'lengthIn' | 'widthIn' | 'heightIn' | 'weightOz'>, weightOz?: number | null): Parcel {
  return { lengthIn: preset.lengthIn, widthIn: preset.widthIn, heightIn: preset.heightIn, weightOz: weightOz ?? preset.weightOz };
}

const DAY = 86_400_000;

/** Cheapest and fastest marked, the arrival date computed and compared with deliver-by. */
export function rateViews(rates: Rate[], deliverBy: Date | null, now: Date): RateView[] {
  const views = rates.map((r): Omit<RateView, 'cheapest' | 'fastest'> => {
    const days = typeof r.estimatedDays === 'number' ? r.estimatedDays : null;
    const arrives = days === null ? null : new Date(now.getTime() + days * DAY);
    return {
      id: r.objectId,
      carrier: r.provider,
      service: r.servicelevel?.name ?? r.servicelevel?.token ?? 'Service',
      amount: Number(r.amount).toFixed(2),
      currency: r.currency,
      estimatedDays: days,
      arrivesOn: arrives ? arrives.toISOString().slice(0, 10) : null,
      // Same calendar day as deliver-by counts as in time.
      arrivesInTime: arrives && deliverBy ? arrives.toISOString().slice(0, 10) <= deliverBy.toISOString().slice(0, 10) : null,
    };
  });
  const price = (v: { amount: string }) => Number(v.amount);
  const minPrice = Math.min(...views.map(price));
  const known = views.filter((v) => v.estimatedDays !== null).map((v) => v.estimatedDays as number);
  const minDays = known.length ? Math.min(...known) : null;
  return views
    .map((v) => ({ ...v, cheapest: price(v) === minPrice, fastest: minDays !== null && v.estimatedDays === minDays }))
    .sort((a, b) => price(a) - price(b) || (a.estimatedDays ?? 99) - (b.estimatedDays ?? 99));
}

export class NoRatesError extends ShippoCallError {}

export async function quoteRates(
  shippo: Shippo,
  input: { orderId: string; from: AddressInput; to: AddressInput; parcel: Parcel; deliverBy: Date | null; now?: Date },
): Promise<RateQuote> {
  const checked = await validateAddress(shippo, input.to);
  if (!checked.valid) {
    throw new ShippoCallError('rejected', `Shippo could not validate the ship-to address: ${checked.messages.join(' ') || 'check it with the buyer.'} Nothing was bought.`, false);
  }
  const p = input.parcel;
  const shipment = await shippoCall(() =>
    shippo.shipments.create({
      addressFrom: toShippoAddress(input.from),
      addressTo: toShippoAddress({ ...input.to, ...checked.address }),
      parcels: [{ length: String(p.lengthIn), width: String(p.widthIn), height: String(p.heightIn), distanceUnit: 'in', weight: String(p.weightOz), massUnit: 'oz' }],
      metadata: orderMetadata(input.orderId),
      async: false,
    }),
  );
  if (!shipment.rates?.length) {
    const why = (shipment.messages ?? []).map((m) => m.text).filter(Boolean).slice(0, 3).join(' ');
    throw new NoRatesError('rejected', `No carrier offered a rate for this parcel and address.${why ? ` ${why}` : ''} Check the package size and weight.`, false);
  }
  const suggestion = checked.address.street1 !== input.to.street1 ? checked.address.street1 : null;
  return {
    shippoShipmentId: shipment.objectId as string,
    rates: rateViews(shipment.rates, input.deliverBy, input.now ?? new Date()),
    addressMessages: checked.messages,
    suggestion,
    warnings: [],
  };
}
