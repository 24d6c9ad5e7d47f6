import { Col, Input, InputNumber, Select, Switch } from 'antd';
import type { ReactNode } from 'react';
import type { Control, ControllerRenderProps, FieldPath, FieldValues } from 'react-hook-form';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';
import { Field, type FieldA11y } from './Field.tsx';

type FieldRender<T extends FieldValues> = (
  field: ControllerRenderProps<T, FieldPath<T>>,
  a11y: FieldA11y,
) => ReactNode;

/** One field of a form's grid, as data: the control follows from `kind`; `custom` draws its own. */
export interface FieldSpec<T extends FieldValues> {
  name: FieldPath<T>;
  label: Text;
  kind: 'text' | 'textarea' | 'number' | 'integer' | 'date' | 'select' | 'tags' | 'switch' | 'custom';
  required?: boolean;
  hint?: Text;
  /** The column: `span` at every width, or `xs` and `md`; by default the full row, half from md up. */
  span?: number | { xs: number; md: number };
  disabled?: boolean;
  /** text, textarea, date: what is kept of what was typed (trimmed, upper-cased, '' as no value). */
  transform?(value: string): string | undefined;
  /** select: the choices; `multiple` lets several be chosen. */
  options?: { value: string; label: Text }[];
  multiple?: boolean;
  /** number: the step of its arrows. */
  step?: number;
  /** custom: the control, given the field and what ties it to its label and message. */
  render?: FieldRender<T>;
}

/** A select's choices: each value of a schema's enum with its name. */
export const choices = <V extends string>(values: readonly V[], names: Record<V, Text>) =>
  values.map((value) => ({ value, label: names[value] }));

const controlOf =
  <T extends FieldValues>(spec: FieldSpec<T>, t: (text: Text) => string): FieldRender<T> =>
  (field, a11y) => {
    const text = {
      ...a11y,
      disabled: spec.disabled,
      value: (field.value as string | undefined) ?? '',
      onChange: (event: { target: { value: string } }) =>
        field.onChange(spec.transform ? spec.transform(event.target.value) : event.target.value),
      onBlur: field.onBlur,
    };
    switch (spec.kind) {
      case 'text':
        return <Input {...text} />;
      case 'textarea':
        return <Input.TextArea {...text} rows={2} />;
      case 'date':
        return <Input {...text} type="date" />;
      case 'number':
      case 'integer':
        return (
          <InputNumber
            {...a11y}
            disabled={spec.disabled}
            precision={spec.kind === 'integer' ? 0 : undefined}
            step={spec.step}
            style={{ width: '100%' }}
            value={typeof field.value === 'number' ? field.value : null}
            onChange={(next) => field.onChange(typeof next === 'number' ? next : undefined)}
          />
        );
      case 'select':
        return (
          <Select
            {...a11y}
            mode={spec.multiple ? 'multiple' : undefined}
            // '' is no choice yet: the select shows itself empty, not a selected ''.
            value={(field.value as string | string[] | undefined) || undefined}
            onChange={field.onChange}
            options={spec.options?.map(({ value, label }) => ({ value, label: t(label) }))}
          />
        );
      case 'tags':
        return (
          <Select
            {...a11y}
            mode="tags"
            value={(field.value as string[] | undefined) ?? []}
            onChange={field.onChange}
            tokenSeparators={[',', '，']}
          />
        );
      case 'switch':
        return <Switch id={a11y.id} checked={field.value === true} onChange={field.onChange} />;
      case 'custom':
        return spec.render?.(field, a11y);
    }
  };

/**
 * The columns of a form's `Row`, one `Field` each, from specs. The form keeps its `Row`, so its own cells
 * (lists, conditional parts, read-only values) can stand among these.
 */
export const FieldGrid = <T extends FieldValues>({
  control,
  fields,
}: {
  control: Control<T>;
  fields: FieldSpec<T>[];
}) => {
  const { t } = useLanguage();
  return (
    <>
      {fields.map((spec) => {
        const span = spec.span ?? { xs: 24, md: 12 };
        return (
          <Col key={spec.name} {...(typeof span === 'number' ? { span } : span)}>
            <Field
              control={control}
              name={spec.name}
              label={t(spec.label)}
              required={spec.required}
              hint={spec.hint && t(spec.hint)}
              render={controlOf(spec, t)}
            />
          </Col>
        );
      })}
    </>
  );
};
