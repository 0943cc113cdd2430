'use client';
// Rows per page, beside the pagination; like every list setting it lives in the URL.
import { useRouter } from 'next/navigation';
import { orderListQuery, PAGE_SIZES, type OrderListParams, type PageSize as Size } from '@/lib/orders/url';

export function PageSize({ params }: { params: OrderListParams }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm text-ink-muted">
      Rows per page
      <select
        value={params.size}
        onChange={(e) => router.push(`/orders${orderListQuery(params, { size: Number(e.target.value) as Size, page: 1 })}`)}
        className="h-8 rounded-md border border-line bg-white px-2 text-sm text-ink shadow-sm focus:border-accent focus:outline-2 focus:outline-accent/30"
      >
        {PAGE_SIZES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}
