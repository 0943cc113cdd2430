import { Input } from '@/components/ui/Input';
import { FieldError, Label } from '@/components/ui/Label';
import { cn } from '@/components/ui/cn';

/** One labelled input of a settings form, with its error wired for screen readers. */
export function Field(props: {
  id: string;
  name: string;
  label: string;
  error?: string;
  defaultValue?: string;
  className?: string;
  type?: string;
  inputMode?: 'decimal' | 'text' | 'email' | 'tel';
  placeholder?: string;
}) {
  const errId = `${props.id}-error`;
  return (
    <div className={cn('min-w-0', props.className)}>
      <Label htmlFor={props.id}>{props.label}</Label>
      <Input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        defaultValue={props.defaultValue}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errId : undefined}
      />
      <FieldError id={errId}>{props.error}</FieldError>
    </div>
  );
}
