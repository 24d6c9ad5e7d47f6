import { Alert, Button, Col, Form, Input, Radio, Row, Space } from 'antd';
import { useWatch } from 'react-hook-form';
import type { z } from 'zod';
import type { ZoneCode } from '../../../../../domain/shared/zones.ts';
import {
  audienceNames,
  levelNames,
  putTrainingSessionBodySchema,
  sessionCodeSchema,
  type TrainingSessionView,
  trainingAudienceSchema,
  trainingLevelSchema,
  zoneOfSessionCode,
} from '../../../../../domain/training/session.ts';
import { isVersionConflict } from '../../../shared/api.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';
import { useSchemaForm } from '../../../shared/schema-form.ts';
import { usePutTrainingSession } from '../api/training.ts';
import { chinaInstantOf, chinaLocalOf } from '../logic.ts';
import { adminTexts } from '../texts.ts';
import { choices, FieldGrid, type FieldSpec } from './FieldGrid.tsx';
import { zoneName } from './scope.tsx';

export const trainingTexts = {
  code: { zh: '培训班编号', en: 'Session code' },
  codeHint: { zh: '如 WH-2026-PX01', en: 'e.g. WH-2026-PX01' },
  titleZh: { zh: '名称（中文）', en: 'Title (Chinese)' },
  titleEn: { zh: '名称（英文）', en: 'Title (English)' },
  level: { zh: '级别', en: 'Level' },
  audiences: { zh: '培训对象', en: 'Audiences' },
  provider: { zh: '培训基地', en: 'Training base' },
  providerUscc: { zh: '培训基地统一社会信用代码', en: "Training base's USCC" },
  capacity: { zh: '名额', en: 'Capacity' },
  startsAt: { zh: '开班时间（北京时间）', en: 'Starts (China time)' },
  endsAt: { zh: '结束时间（北京时间）', en: 'Ends (China time)' },
  deadline: { zh: '报名截止日期', en: 'Registration deadline' },
  venue: { zh: '培训方式', en: 'Venue' },
  onsite: { zh: '线下', en: 'On site' },
  online: { zh: '线上', en: 'Online' },
  address: { zh: '地址', en: 'Address' },
  url: { zh: '线上地址（https）', en: 'Online address (https)' },
  platform: { zh: '线上平台', en: 'Platform' },
  employer: { zh: '需用人单位确认', en: 'Employer confirmation required' },
  threshold: { zh: '结业出勤比例（%）', en: 'Attendance to complete (%)' },
} satisfies Record<string, Text>;

const codeMismatch =
  "培训班编号的综试区前缀与内容不符 / The session code's zone prefix does not match the zone";

/** The API's body plus the code of its path, with the API's check that the code names the zone. */
const sessionFormSchema = putTrainingSessionBodySchema
  .safeExtend({ code: sessionCodeSchema })
  .superRefine((session, context) => {
    if (
      sessionCodeSchema.safeParse(session.code).success &&
      zoneOfSessionCode(session.code) !== session.zone
    ) {
      context.addIssue({ code: 'custom', path: ['code'], message: codeMismatch });
    }
  });
type SessionInput = z.input<typeof sessionFormSchema>;

const third = { xs: 24, md: 8 };

/** An optional text: blank is no value, not an empty one the schema would refuse. */
const optional = (value: string) => value.trim() || undefined;

/** Typed in China time (the zones' time), kept as that instant with its +08:00 offset. */
const instant = (name: 'startsAt' | 'endsAt', label: Text): FieldSpec<SessionInput> => ({
  name,
  label,
  kind: 'custom',
  required: true,
  span: third,
  render: (field, a11y) => (
    <Input
      {...a11y}
      type="datetime-local"
      value={chinaLocalOf(field.value as string | undefined)}
      onChange={(event) => field.onChange(chinaInstantOf(event.target.value) ?? '')}
    />
  ),
});

const fromView = (view: TrainingSessionView): SessionInput => {
  const { seats: _seats, updatedAt: _updatedAt, updatedBy: _updatedBy, ...fields } = view;
  return fields;
};

const blankSession = (zone: ZoneCode): Partial<SessionInput> => ({
  code: '',
  title: { zh: '', en: '' },
  zone,
  level: 'BASIC',
  audiences: ['ENTERPRISE_STAFF'],
  provider: { name: '' },
  capacity: 30,
  venue: { mode: 'ONSITE', address: '' },
  registrationDeadline: '',
  employerConfirmationRequired: false,
  completionThresholdPercent: 80,
});

export const TrainingSessionForm = ({
  session,
  zone,
  onDone,
  onCancel,
}: {
  session?: TrainingSessionView | undefined;
  zone: ZoneCode;
  onDone(session: TrainingSessionView): void;
  onCancel(): void;
}) => {
  const { t } = useLanguage();
  const saving = usePutTrainingSession();
  const { control, handleSubmit, setValue } = useSchemaForm(
    sessionFormSchema,
    session ? fromView(session) : blankSession(zone),
    { parsed: true },
  );
  const mode = useWatch({ control, name: 'venue.mode' });
  const submit = handleSubmit(({ code, ...body }) =>
    saving.mutate({ code, body }, { onSuccess: (reply) => onDone(reply.session) }),
  );
  const conflict = isVersionConflict(saving.error);
  return (
    <Form layout="vertical" noValidate onFinish={() => void submit()}>
      <Row gutter={16}>
        <FieldGrid
          control={control}
          fields={[
            {
              name: 'code',
              label: trainingTexts.code,
              kind: 'text',
              required: true,
              hint: trainingTexts.codeHint,
              disabled: session !== undefined,
              transform: (value) => value.trim().toUpperCase(),
            },
          ]}
        />
        <Col xs={24} md={12}>
          <Form.Item label={t(adminTexts.zone)}>
            <Input aria-label={t(adminTexts.zone)} disabled value={t(zoneName(zone))} readOnly />
          </Form.Item>
        </Col>
        <FieldGrid
          control={control}
          fields={[
            { name: 'title.zh', label: trainingTexts.titleZh, kind: 'text', required: true },
            { name: 'title.en', label: trainingTexts.titleEn, kind: 'text', required: true },
            {
              name: 'level',
              label: trainingTexts.level,
              kind: 'select',
              required: true,
              span: third,
              options: choices(trainingLevelSchema.options, levelNames),
            },
            {
              name: 'audiences',
              label: trainingTexts.audiences,
              kind: 'select',
              multiple: true,
              required: true,
              span: { xs: 24, md: 16 },
              options: choices(trainingAudienceSchema.options, audienceNames),
            },
            { name: 'provider.name', label: trainingTexts.provider, kind: 'text', required: true },
            { name: 'provider.uscc', label: trainingTexts.providerUscc, kind: 'text', transform: optional },
            instant('startsAt', trainingTexts.startsAt),
            instant('endsAt', trainingTexts.endsAt),
            {
              name: 'registrationDeadline',
              label: trainingTexts.deadline,
              kind: 'date',
              required: true,
              span: third,
            },
            { name: 'capacity', label: trainingTexts.capacity, kind: 'integer', required: true, span: third },
            {
              name: 'completionThresholdPercent',
              label: trainingTexts.threshold,
              kind: 'integer',
              required: true,
              span: third,
            },
            {
              name: 'employerConfirmationRequired',
              label: trainingTexts.employer,
              kind: 'switch',
              span: third,
            },
          ]}
        />
        <Col span={24}>
          <Form.Item label={t(trainingTexts.venue)}>
            <Radio.Group
              aria-label={t(trainingTexts.venue)}
              value={mode}
              onChange={(event) =>
                setValue(
                  'venue',
                  event.target.value === 'ONLINE'
                    ? { mode: 'ONLINE', url: '' }
                    : { mode: 'ONSITE', address: '' },
                )
              }
              options={[
                { value: 'ONSITE', label: t(trainingTexts.onsite) },
                { value: 'ONLINE', label: t(trainingTexts.online) },
              ]}
            />
          </Form.Item>
        </Col>
        <FieldGrid
          control={control}
          fields={
            mode === 'ONLINE'
              ? [
                  {
                    name: 'venue.url',
                    label: trainingTexts.url,
                    kind: 'text',
                    required: true,
                    span: { xs: 24, md: 16 },
                  },
                  {
                    name: 'venue.platform',
                    label: trainingTexts.platform,
                    kind: 'text',
                    span: third,
                    transform: optional,
                  },
                ]
              : [
                  {
                    name: 'venue.address',
                    label: trainingTexts.address,
                    kind: 'text',
                    required: true,
                    span: 24,
                  },
                ]
          }
        />
      </Row>
      {saving.error ? (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <ErrorAlert error={saving.error} />
          {conflict ? <Alert type="warning" showIcon message={t(adminTexts.versionConflict)} /> : null}
        </Space>
      ) : null}
      <Space>
        <Button autoInsertSpace={false} type="primary" htmlType="submit" loading={saving.isPending}>
          {t(adminTexts.save)}
        </Button>
        <Button autoInsertSpace={false} onClick={onCancel}>
          {t(adminTexts.cancel)}
        </Button>
      </Space>
    </Form>
  );
};
