import type { ComponentType, ReactNode } from 'react';
import { cn } from './cn';

export interface EmptyStateProps {
  icon?: ComponentType<{ className?: string; 'aria-hidden'?: boolean }>;
  title: ReactNode;
  text?: ReactNode;
  action?: ReactNode;
  className?: string;
}

export function EmptyState({ icon: Icon, title, text, action, className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        'flex flex-col items-center justify-center rounded-lg border border-dashed border-line bg-white px-6 py-14 text-center',
        className,
      )}
    >
      {Icon ? (
        <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-surface-muted text-ink-muted">
          <Icon aria-hidden className="size-5" />
        </div>
      ) : null}
      <h2 className="text-base font-semibold text-ink">{title}</h2>
      {text ? <div className="mt-1.5 max-w-md text-sm text-ink-muted">{text}</div> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
