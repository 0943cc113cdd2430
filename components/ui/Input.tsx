import type { InputHTMLAttributes } from 'react';
import { cn } from './cn';

export const fieldClasses =
  'block w-full rounded-md border border-line bg-white px-3 text-sm text-ink shadow-sm placeholder:text-ink-faint ' +
  'focus:border-accent focus:outline-2 focus:outline-offset-0 focus:outline-accent/30 ' +
  'disabled:cursor-not-allowed disabled:bg-surface-muted disabled:text-ink-muted ' +
  'aria-invalid:border-danger aria-invalid:focus:outline-danger/30';

export type InputProps = InputHTMLAttributes<HTMLInputElement>;

export function Input({ className, ...props }: InputProps) {
  return <input className={cn(fieldClasses, 'h-9', className)} {...props} />;
}
