import { Form } from 'antd';
import { type ReactNode, useId } from 'react';
import {
  type Control,
  type ControllerRenderProps,
  type FieldPath,
  type FieldValues,
  useController,
} from 'react-hook-form';
import { localizeMessage } from '../../../shared/bilingual.ts';
import { useLanguage } from '../../../shared/i18n.tsx';

/** What the control needs to be announced with its label and its message. */
export interface FieldA11y {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

interface FieldProps<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  required?: boolean;
  hint?: string;
  render(field: ControllerRenderProps<T, FieldPath<T>>, a11y: FieldA11y): ReactNode;
}

/**
 * One form field: antd lays it out, react-hook-form holds the value, the shared zod schema (through
 * zodResolver) gives the message, shown in the user's language under the control and tied to it.
 */
export const Field = <T extends FieldValues>({
  control,
  name,
  label,
  required,
  hint,
  render,
}: FieldProps<T>) => {
  const { language } = useLanguage();
  const id = useId();
  const { field, fieldState } = useController({ control, name });
  const error = fieldState.error as { message?: string; root?: { message?: string } } | undefined;
  const message = error?.message ?? error?.root?.message;
  const help = message ? localizeMessage(message, language) : hint;
  const helpId = `${id}-help`;
  return (
    <Form.Item
      label={label}
      htmlFor={id}
      required={required}
      validateStatus={message ? 'error' : undefined}
      help={help ? <span id={helpId}>{help}</span> : undefined}
    >
      {render(field, {
        id,
        'aria-invalid': Boolean(message),
        ...(help ? { 'aria-describedby': helpId } : {}),
      })}
    </Form.Item>
  );
};
