// Reading Shippo's Track (webhook JSON and the SDK's object) and the forward-only rule.
import { describe, expect, it } from 'vitest';
import { movesForward } from './apply';
import { carrierToken, deliveryStatusOf, fromSdkTrack, parseTrackWire } from './track';

const st = (id: string, status: string, date: string) => ({ object_id: id, status, substatus: { code: 'x' }, status_details: `${status} details`, status_date: date });

describe('Shippo Track', () => {
  it('maps every Shippo status, and reads one it does not know as unknown', () => {
    expect(['UNKNOWN', 'PRE_TRANSIT', 'TRANSIT', 'DELIVERED', 'RETURNED', 'FAILURE', 'LOST_IN_SPACE', null].map(deliveryStatusOf)).toEqual([
      'unknown', 'pre_transit', 'in_transit', 'delivered', 'returned', 'exception', 'unknown', 'unknown',
    ]);
  });

  it('keeps each scan once, oldest first, without addresses; refuses what is not a Track', () => {
    const t = parseTrackWire({
      carrier: 'usps', tracking_number: '9400', eta: 'not a date', address_to: { city: 'Austin' },
      tracking_status: st('b', 'TRANSIT', '2026-01-02T00:00:00Z'),
      tracking_history: [st('a', 'PRE_TRANSIT', '2026-01-01T00:00:00Z'), st('b', 'TRANSIT', '2026-01-02T00:00:00Z'), { ...st('c', 'TRANSIT', 'x'), status_date: null }],
    })!;
    expect(t.events.map((e) => [e.id, e.status])).toEqual([['a', 'pre_transit'], ['b', 'in_transit']]);
    expect(t.current?.id).toBe('b');
    expect(t.eta).toBeNull();
    expect(JSON.stringify(t)).not.toContain('Austin');
    expect(parseTrackWire({ carrier: 'usps' })).toBeNull();
    expect(parseTrackWire({ carrier: 'usps', tracking_number: 'x'.repeat(101) })).toBeNull();
    expect(parseTrackWire('nope')).toBeNull();
  });

  it('reads the SDK Track the same way', () => {
    const at = new Date('2026-01-03T00:00:00Z');
    const t = fromSdkTrack({ carrier: 'usps', trackingNumber: '9400', trackingStatus: { objectId: 'c', status: 'DELIVERED', statusDetails: 'Delivered', statusDate: at }, trackingHistory: [] });
    expect(t.current).toEqual({ id: 'c', status: 'delivered', substatus: null, details: 'Delivered', at });
  });

  it('moves forward only: delivered is final, unknown never replaces a status, older scans change nothing', () => {
    const e = (status: 'in_transit' | 'delivered' | 'unknown' | 'exception', at: number) => ({ id: 'x', status, substatus: null, details: null, at: new Date(at) });
    expect(movesForward({ status: null, at: null }, e('in_transit', 1))).toBe(true);
    expect(movesForward({ status: 'in_transit', at: 5 }, e('delivered', 6))).toBe(true);
    expect(movesForward({ status: 'in_transit', at: 5 }, e('exception', 6))).toBe(true);
    expect(movesForward({ status: 'in_transit', at: 5 }, e('in_transit', 4))).toBe(false);
    expect(movesForward({ status: 'in_transit', at: 5 }, e('in_transit', 5))).toBe(false);
    expect(movesForward({ status: 'delivered', at: 5 }, e('in_transit', 9))).toBe(false);
    expect(movesForward({ status: 'in_transit', at: 5 }, e('unknown', 9))).toBe(false);
  });

  it('turns a rate provider into Shippo’s carrier token', () => {
    expect(['USPS', 'FedEx', 'DHL Express', ' UPS ', null, '  '].map(carrierToken)).toEqual(['usps', 'fedex', 'dhl_express', 'ups', null, null]);
  });
});
