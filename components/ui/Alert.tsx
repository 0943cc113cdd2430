import type { ReactNode } from 'react';
import { AlertTriangle, CheckCircle2, Info } from 'lucide-react';
import { cn } from './cn';

export type AlertTone = 'error' | 'info' | 'success';

const TONES: Record<AlertTone, { box: string; Icon: typeof Info }> = {
  error: { box: 'border-danger/30 bg-danger-soft text-danger', Icon: AlertTriangle },
  info: { box: 'border-info/25 bg-info-soft text-info', Icon: Info },
  success: { box: 'border-success/25 bg-success-soft text-success', Icon: CheckCircle2 },
};

export interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
}

/** Errors are announced immediately (role=alert); info and success politely (role=status). */
export function Alert({ tone = 'info', title, children, className }: AlertProps) {
  const { box, Icon } = TONES[tone];
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn('flex gap-2.5 rounded-md border px-3.5 py-3 text-sm', box, className)}
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 space-y-0.5">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className="text-ink [&_a]:font-medium [&_a]:underline">{children}</div> : null}
      </div>
    </div>
  );
}
