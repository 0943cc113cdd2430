import type { SelectHTMLAttributes } from 'react';
import { cn } from './cn';
import { fieldClasses } from './Input';

export type SelectProps = SelectHTMLAttributes<HTMLSelectElement>;

export function Select({ className, children, ...props }: SelectProps) {
  return (
    <select className={cn(fieldClasses, 'h-9 appearance-auto pr-8', className)} {...props}>
      {children}
    </select>
  );
}
