import { Card, CardHeader } from '@/components/ui/Card';
import type { OrderDetail } from '@/lib/orders/detail';
import { formatMoney } from '@/components/ui/format';

export function OrderItems({ order }: { order: OrderDetail }) {
  const money = (n: number) => formatMoney(n, order.currency);
  return (
    <Card>
      <CardHeader title="Items" description={`${order.items.length} line${order.items.length === 1 ? '' : 's'}`} />
      <div className="relative overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Order lines</caption>
          <thead className="border-b border-line bg-surface-muted/70 text-xs font-semibold tracking-wide whitespace-nowrap text-ink-muted uppercase">
            <tr>
              <th scope="col" className="px-5 py-2.5">SKU</th>
              <th scope="col" className="px-5 py-2.5">Title</th>
              <th scope="col" className="px-5 py-2.5 text-right">Qty</th>
              <th scope="col" className="px-5 py-2.5 text-right">Unit price</th>
              <th scope="col" className="px-5 py-2.5 text-right">Line total</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {order.items.map((i) => (
              <tr key={i.id}>
                <td className="px-5 py-3 font-mono text-[13px] whitespace-nowrap">{i.sku ?? '—'}</td>
                <td className="px-5 py-3">{i.title ?? <span className="text-ink-faint">Untitled item</span>}</td>
                <td className="px-5 py-3 text-right tabular-nums">
                  {i.quantity}
                  {i.quantityShipped > 0 && i.quantityShipped < i.quantity ? (
                    <span className="block text-xs text-ink-muted">{i.quantityShipped} shipped</span>
                  ) : null}
                </td>
                <td className="px-5 py-3 text-right tabular-nums">{formatMoney(i.unitPrice, i.currency)}</td>
                <td className="px-5 py-3 text-right tabular-nums">{formatMoney(i.lineTotal, i.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="ml-auto grid w-full max-w-xs grid-cols-2 gap-y-1.5 border-t border-line px-5 py-4 text-sm">
        <dt className="text-ink-muted">Subtotal</dt>
        <dd className="text-right tabular-nums">{money(order.subtotal)}</dd>
        <dt className="text-ink-muted">Shipping</dt>
        <dd className="text-right tabular-nums">{money(order.shippingTotal)}</dd>
        <dt className="text-ink-muted">Tax</dt>
        <dd className="text-right tabular-nums">{money(order.taxTotal)}</dd>
        <dt className="border-t border-line pt-1.5 font-semibold">Total</dt>
        <dd className="border-t border-line pt-1.5 text-right font-semibold tabular-nums">{money(order.total)}</dd>
      </dl>
    </Card>
  );
}
