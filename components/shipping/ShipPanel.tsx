'use client';
// Order detail → Ship: choose where from and in what box, get rates (the address is checked by
// Shippo first), pick one, buy. Each step's answer says what to do next; the server checks the
// role and the order again, so the form is only the way in.
import { useState, useTransition } from 'react';
import { Loader2, Truck } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { Input } from '@/components/ui/Input';
import { Label } from '@/components/ui/Label';
import { Select } from '@/components/ui/Select';
import type { PackagePreset, RateQuote } from '@/lib/shipping/types';
import { buyLabelAction, getRatesAction } from '@/app/(app)/orders/[id]/ship-actions';
import { AddressFix, type ShipToValues } from './AddressFix';
import { RateList } from './RateList';

interface Props {
  orderId: string;
  /** The ship-to as stored, to correct it; null when there is none (e.g. anonymized). */
  shipTo: ShipToValues | null;
  locations: Array<{ id: string; name: string; isDefault: boolean }>;
  presets: PackagePreset[];
}

export function ShipPanel({ orderId, shipTo, locations, presets }: Props) {
  const [quote, setQuote] = useState<RateQuote | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const [buying, startBuy] = useTransition();

  if (!locations.length || !presets.length) {
    return (
      <Card>
        <CardHeader title="Ship" />
        <CardBody>
          <Alert tone="info">
            {!locations.length ? 'Add a ship-from location' : 'Add a package'} in <a className="font-medium underline" href="/settings/shipping">Settings → Shipping</a> to buy labels.
          </Alert>
        </CardBody>
      </Card>
    );
  }

  const getRates = (form: FormData) =>
    start(async () => {
      setMessage(null);
      setQuote(null);
      const res = await getRatesAction(form);
      if (res.ok) {
        setQuote(res.quote);
        setSelected(res.quote.rates[0]?.id ?? null);
      } else setMessage({ ok: false, text: res.message });
    });

  const buy = () =>
    startBuy(async () => {
      if (!selected) return;
      const form = new FormData();
      form.set('orderId', orderId);
      form.set('rateId', selected);
      const res = await buyLabelAction(form);
      if (res) setMessage({ ok: res.ok, text: res.message });
      if (res?.ok) setQuote(null);
    });

  const defaultFrom = locations.find((l) => l.isDefault)?.id ?? locations[0].id;
  return (
    <Card>
      <CardHeader title="Ship" description="The address is checked with Shippo, then every carrier quotes." />
      <CardBody className="space-y-4">
        <form action={getRates} className="space-y-3" aria-label="Get rates">
          <input type="hidden" name="orderId" value={orderId} />
          <div>
            <Label htmlFor="ship-from">Ship from</Label>
            <Select id="ship-from" name="shipFromId" defaultValue={defaultFrom}>
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </Select>
          </div>
          <div className="grid grid-cols-2 gap-3">
            <div>
              <Label htmlFor="ship-package">Package</Label>
              <Select id="ship-package" name="presetId" defaultValue={presets[0].id}>
                {presets.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </Select>
            </div>
            <div>
              <Label htmlFor="ship-weight">Weight (oz)</Label>
              <Input id="ship-weight" name="weightOz" inputMode="decimal" placeholder="from package" />
            </div>
          </div>
          <Button type="submit" variant="secondary" disabled={pending || buying}>
            {pending ? <Loader2 aria-hidden className="size-4 animate-spin" /> : <Truck aria-hidden className="size-4" />}
            {pending ? 'Getting rates…' : 'Get rates'}
          </Button>
        </form>
        {quote ? (
          <div className="space-y-3">
            {quote.suggestion ? <Alert tone="info">Shippo corrected the street to “{quote.suggestion}”; the label uses the corrected address.</Alert> : null}
            {quote.addressMessages.length ? <Alert tone="info">{quote.addressMessages.join(' ')}</Alert> : null}
            {quote.warnings.map((w) => (
              <Alert key={w} tone="info">
                {w}
              </Alert>
            ))}
            <RateList rates={quote.rates} selected={selected} onSelect={setSelected} />
            <Button type="button" onClick={buy} disabled={!selected || buying} className="w-full">
              {buying ? <Loader2 aria-hidden className="size-4 animate-spin" /> : null}
              {buying ? 'Buying…' : 'Buy label'}
            </Button>
          </div>
        ) : null}
        {message ? <Alert tone={message.ok ? 'success' : 'error'}>{message.text}</Alert> : null}
        {shipTo ? <AddressFix orderId={orderId} current={shipTo} suggestion={quote?.suggestion ?? null} /> : null}
      </CardBody>
    </Card>
  );
}
