import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { type Control, Controller, type FieldErrors, get, useFieldArray, useWatch } from 'react-hook-form';
import { localizeMessage } from '../../../shared/bilingual.ts';
import { type Language, useLanguage } from '../../../shared/i18n.tsx';
import type { JsonSchema } from '../api/programs.ts';
import { choiceLabelOf, labelOf } from '../labels.ts';
import { fieldWidgets } from './FieldWidgets.tsx';

type FormValues = Record<string, unknown>;

interface FieldProps {
  schema: JsonSchema;
  name: string;
  label: string;
  required: boolean;
  control: Control<FormValues>;
  errors: FieldErrors<FormValues>;
}

/** The validation message at a dotted path of the form's errors, when there is one. */
const errorAt = (errors: FieldErrors<FormValues>, name: string, language: Language): string | undefined => {
  const found = get(errors, name) as { message?: unknown } | undefined;
  return typeof found?.message === 'string' ? localizeMessage(found.message, language) : undefined;
};

const typeOf = (schema: JsonSchema): string | undefined =>
  Array.isArray(schema.type) ? schema.type.find((type) => type !== 'null') : schema.type;

/** The variants of a union and the property whose constant tells them apart (e.g. `level`). */
const unionOf = (schema: JsonSchema) => {
  const variants = schema.oneOf ?? schema.anyOf;
  if (!variants) return undefined;
  const first = variants[0];
  const discriminator = Object.entries(first?.properties ?? {}).find(
    ([, property]) => property.const !== undefined,
  )?.[0];
  return discriminator ? { variants, discriminator } : undefined;
};

const Leaf = ({ schema, name, label, required, control, errors }: FieldProps) => {
  const { t, language } = useLanguage();
  const error = errorAt(errors, name, language);
  const type = typeOf(schema);
  return (
    <Form.Item
      label={label}
      required={required}
      validateStatus={error ? 'error' : undefined}
      help={error}
      htmlFor={name}
    >
      <Controller
        name={name}
        control={control}
        render={({ field }) => {
          const Widget = fieldWidgets[name.split('.').at(-1) ?? name];
          if (Widget) {
            return (
              <Widget
                id={name}
                label={label}
                value={field.value}
                onChange={field.onChange}
                control={control}
              />
            );
          }
          if (schema.enum) {
            return (
              <Select
                id={name}
                aria-label={label}
                allowClear={!required}
                value={field.value as string | undefined}
                onChange={(value) => field.onChange(value)}
                options={schema.enum.map((value) => ({ value, label: t(choiceLabelOf(String(value))) }))}
              />
            );
          }
          if (type === 'number' || type === 'integer') {
            return (
              <InputNumber
                id={name}
                aria-label={label}
                style={{ width: '100%' }}
                value={field.value as number | undefined}
                onChange={(value) => field.onChange(value ?? undefined)}
                precision={type === 'integer' ? 0 : undefined}
              />
            );
          }
          if (type === 'boolean') {
            return (
              <Switch id={name} aria-label={label} checked={field.value === true} onChange={field.onChange} />
            );
          }
          if (type === 'array') {
            return (
              <Select
                id={name}
                aria-label={label}
                mode="tags"
                value={(field.value as string[] | undefined) ?? []}
                onChange={(value) => field.onChange(value)}
              />
            );
          }
          if (schema.format === 'date') {
            return (
              <Input
                id={name}
                type="date"
                value={(field.value as string | undefined) ?? ''}
                onChange={(event) => field.onChange(event.target.value || undefined)}
              />
            );
          }
          const long = (schema.maxLength ?? 0) > 200;
          return long ? (
            <Input.TextArea
              id={name}
              rows={3}
              value={(field.value as string | undefined) ?? ''}
              onChange={(event) => field.onChange(event.target.value || undefined)}
            />
          ) : (
            <Input
              id={name}
              value={(field.value as string | undefined) ?? ''}
              onChange={(event) => field.onChange(event.target.value || undefined)}
            />
          );
        }}
      />
    </Form.Item>
  );
};

const ObjectList = ({ schema, name, label, control, errors }: FieldProps) => {
  const { t, language } = useLanguage();
  const { fields, append, remove } = useFieldArray({ control, name: name as never });
  const item = schema.items ?? {};
  const error = errorAt(errors, name, language);
  return (
    <Form.Item label={label} validateStatus={error ? 'error' : undefined} help={error}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {fields.map((field, index) => (
          <Card
            key={field.id}
            size="small"
            title={`${label} ${index + 1}`}
            extra={
              <Button
                icon={<DeleteOutlined />}
                aria-label={`${t({ zh: '删除', en: 'Remove' })} ${label} ${index + 1}`}
                onClick={() => remove(index)}
              />
            }
          >
            <SchemaFields schema={item} prefix={`${name}.${index}`} control={control} errors={errors} />
          </Card>
        ))}
        <Button icon={<PlusOutlined />} onClick={() => append({} as never)}>
          {t({ zh: '添加', en: 'Add' })} {label}
        </Button>
      </Space>
    </Form.Item>
  );
};

const Union = ({ schema, name, control, errors }: Omit<FieldProps, 'label' | 'required'>) => {
  const { t } = useLanguage();
  const union = unionOf(schema);
  const path = name ? `${name}.${union?.discriminator}` : (union?.discriminator ?? '');
  const chosen = useWatch({ control, name: path });
  if (!union) return null;
  const variant = union.variants.find(
    (candidate) => candidate.properties?.[union.discriminator]?.const === chosen,
  );
  const choices = union.variants.map(
    (candidate) => candidate.properties?.[union.discriminator]?.const as string,
  );
  return (
    <>
      <Leaf
        schema={{ enum: choices }}
        name={path}
        label={t(labelOf(union.discriminator))}
        required
        control={control}
        errors={errors}
      />
      {variant ? (
        <SchemaFields
          schema={{
            ...variant,
            properties: Object.fromEntries(
              Object.entries(variant.properties ?? {}).filter(([key]) => key !== union.discriminator),
            ),
          }}
          prefix={name}
          control={control}
          errors={errors}
        />
      ) : null}
    </>
  );
};

/**
 * Form fields drawn from a JSON Schema (as `z.toJSONSchema` writes the shared zod schemas): objects,
 * unions told apart by a constant, lists of objects, strings, dates, numbers, booleans and enums. The
 * values are validated with the zod schema itself (zodResolver), so rules and messages are the API's.
 */
export const SchemaFields = ({
  schema,
  prefix = '',
  control,
  errors,
}: {
  schema: JsonSchema;
  prefix?: string;
  control: Control<FormValues>;
  errors: FieldErrors<FormValues>;
}) => {
  const { t } = useLanguage();
  if (unionOf(schema)) return <Union schema={schema} name={prefix} control={control} errors={errors} />;
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([key, property]) => {
        // An attached file's name is filled by its upload control (see AttachmentUpload), not typed.
        if (key === 'fileName' && schema.properties?.attachmentId) return null;
        const name = prefix ? `${prefix}.${key}` : key;
        const props = {
          schema: property,
          name,
          label: t(labelOf(key)),
          required: schema.required?.includes(key) ?? false,
          control,
          errors,
        };
        if (typeOf(property) === 'object' || unionOf(property)) {
          return (
            <Card key={name} size="small" title={props.label} style={{ marginBottom: 12 }}>
              <SchemaFields schema={property} prefix={name} control={control} errors={errors} />
            </Card>
          );
        }
        if (typeOf(property) === 'array' && typeOf(property.items ?? {}) === 'object') {
          return <ObjectList key={name} {...props} />;
        }
        return <Leaf key={name} {...props} />;
      })}
    </>
  );
};
