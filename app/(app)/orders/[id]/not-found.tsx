import Link from 'next/link';
import { FileQuestion } from 'lucide-react';
import { buttonClasses } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';

export default function OrderNotFound() {
  return (
    <EmptyState
      icon={FileQuestion}
      title="Order not found"
      text="This order does not exist, or it belongs to an organization you are not a member of."
      action={
        <Link href="/orders" className={buttonClasses('primary')}>
          Back to orders
        </Link>
      }
    />
  );
}
