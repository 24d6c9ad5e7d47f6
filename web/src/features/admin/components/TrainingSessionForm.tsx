import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Switch } from 'antd';
import { useForm, useWatch } from 'react-hook-form';
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
import { ApiFailure } from '../../../shared/api.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';
import { zodMessagesIn } from '../../../shared/schema-form.ts';
import { usePutTrainingSession } from '../api/training.ts';
import { chinaInstantOf, chinaLocalOf } from '../logic.ts';
import { adminTexts } from '../texts.ts';
import { Field } from './Field.tsx';
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
type SessionOutput = z.output<typeof sessionFormSchema>;

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
  const { t, language } = useLanguage();
  const saving = usePutTrainingSession();
  const { control, handleSubmit, setValue } = useForm<SessionInput, unknown, SessionOutput>({
    defaultValues: session ? fromView(session) : blankSession(zone),
    resolver: zodResolver(sessionFormSchema, { error: zodMessagesIn(language) }),
  });
  const mode = useWatch({ control, name: 'venue.mode' });
  const submit = handleSubmit(({ code, ...body }) =>
    saving.mutate({ code, body }, { onSuccess: (reply) => onDone(reply.session) }),
  );
  const conflict = saving.error instanceof ApiFailure && saving.error.code === 'VERSION_CONFLICT';
  const textInput = (
    name: 'title.zh' | 'title.en' | 'provider.name' | 'venue.address' | 'venue.url',
    label: Text,
  ) => (
    <Field
      control={control}
      name={name}
      label={t(label)}
      required
      render={(field, a11y) => (
        <Input {...a11y} value={(field.value as string | undefined) ?? ''} onChange={field.onChange} />
      )}
    />
  );
  const optionalInput = (name: 'provider.uscc' | 'venue.platform', label: Text) => (
    <Field
      control={control}
      name={name}
      label={t(label)}
      render={(field, a11y) => (
        <Input
          {...a11y}
          value={(field.value as string | undefined) ?? ''}
          onChange={(event) => field.onChange(event.target.value.trim() || undefined)}
        />
      )}
    />
  );
  const instant = (name: 'startsAt' | 'endsAt', label: Text) => (
    <Field
      control={control}
      name={name}
      label={t(label)}
      required
      render={(field, a11y) => (
        <Input
          {...a11y}
          type="datetime-local"
          value={chinaLocalOf(field.value as string | undefined)}
          onChange={(event) => field.onChange(chinaInstantOf(event.target.value) ?? '')}
        />
      )}
    />
  );

  return (
    <Form layout="vertical" noValidate onFinish={() => void submit()}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field
            control={control}
            name="code"
            label={t(trainingTexts.code)}
            required
            hint={t(trainingTexts.codeHint)}
            render={(field, a11y) => (
              <Input
                {...a11y}
                disabled={session !== undefined}
                value={field.value as string}
                onChange={(event) => field.onChange(event.target.value.trim().toUpperCase())}
              />
            )}
          />
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t(adminTexts.zone)}>
            <Input aria-label={t(adminTexts.zone)} disabled value={t(zoneName(zone))} readOnly />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          {textInput('title.zh', trainingTexts.titleZh)}
        </Col>
        <Col xs={24} md={12}>
          {textInput('title.en', trainingTexts.titleEn)}
        </Col>
        <Col xs={24} md={8}>
          <Field
            control={control}
            name="level"
            label={t(trainingTexts.level)}
            required
            render={(field, a11y) => (
              <Select
                {...a11y}
                value={field.value as string}
                onChange={field.onChange}
                options={trainingLevelSchema.options.map((value) => ({ value, label: t(levelNames[value]) }))}
              />
            )}
          />
        </Col>
        <Col xs={24} md={16}>
          <Field
            control={control}
            name="audiences"
            label={t(trainingTexts.audiences)}
            required
            render={(field, a11y) => (
              <Select
                {...a11y}
                mode="multiple"
                value={field.value as string[]}
                onChange={field.onChange}
                options={trainingAudienceSchema.options.map((value) => ({
                  value,
                  label: t(audienceNames[value]),
                }))}
              />
            )}
          />
        </Col>
        <Col xs={24} md={12}>
          {textInput('provider.name', trainingTexts.provider)}
        </Col>
        <Col xs={24} md={12}>
          {optionalInput('provider.uscc', trainingTexts.providerUscc)}
        </Col>
        <Col xs={24} md={8}>
          {instant('startsAt', trainingTexts.startsAt)}
        </Col>
        <Col xs={24} md={8}>
          {instant('endsAt', trainingTexts.endsAt)}
        </Col>
        <Col xs={24} md={8}>
          <Field
            control={control}
            name="registrationDeadline"
            label={t(trainingTexts.deadline)}
            required
            render={(field, a11y) => (
              <Input {...a11y} type="date" value={field.value as string} onChange={field.onChange} />
            )}
          />
        </Col>
        <Col xs={24} md={8}>
          <Field
            control={control}
            name="capacity"
            label={t(trainingTexts.capacity)}
            required
            render={(field, a11y) => (
              <InputNumber
                {...a11y}
                precision={0}
                style={{ width: '100%' }}
                value={typeof field.value === 'number' ? field.value : null}
                onChange={(value) => field.onChange(typeof value === 'number' ? value : undefined)}
              />
            )}
          />
        </Col>
        <Col xs={24} md={8}>
          <Field
            control={control}
            name="completionThresholdPercent"
            label={t(trainingTexts.threshold)}
            required
            render={(field, a11y) => (
              <InputNumber
                {...a11y}
                precision={0}
                style={{ width: '100%' }}
                value={typeof field.value === 'number' ? field.value : null}
                onChange={(value) => field.onChange(typeof value === 'number' ? value : undefined)}
              />
            )}
          />
        </Col>
        <Col xs={24} md={8}>
          <Field
            control={control}
            name="employerConfirmationRequired"
            label={t(trainingTexts.employer)}
            render={(field, a11y) => (
              <Switch id={a11y.id} checked={field.value === true} onChange={field.onChange} />
            )}
          />
        </Col>
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
        {mode === 'ONLINE' ? (
          <>
            <Col xs={24} md={16}>
              {textInput('venue.url', trainingTexts.url)}
            </Col>
            <Col xs={24} md={8}>
              {optionalInput('venue.platform', trainingTexts.platform)}
            </Col>
          </>
        ) : (
          <Col span={24}>{textInput('venue.address', trainingTexts.address)}</Col>
        )}
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
