import { PlusOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import { App, Button, Card, Form, Modal, Row, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { type Expert, expertSchema } from '../../../../../domain/shared/expert.ts';
import { findZone, isDistrictOf, type ZoneCode } from '../../../../../domain/shared/zones.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { useLanguage } from '../../../shared/i18n.tsx';
import { districtName } from '../../../shared/places.ts';
import { zodMessagesIn } from '../../../shared/schema-form.ts';
import { useExperts, usePutExpert } from '../api/experts.ts';
import { adminTexts } from '../texts.ts';
import { FieldGrid } from './FieldGrid.tsx';
import { NotForThisRole, useZoneChoice, ZoneSelect } from './scope.tsx';

const texts = {
  title: { zh: '专家库', en: 'Expert pool' },
  add: { zh: '添加专家', en: 'Add an expert' },
  editTitle: { zh: '编辑专家', en: 'Edit expert' },
  userId: { zh: '账号', en: 'Account' },
  userIdHint: { zh: '专家登录所用账号（3–128 位字母、数字或 _ . @ -）', en: "The expert's sign-in account" },
  name: { zh: '姓名', en: 'Name' },
  district: { zh: '所在县区', en: 'Home district' },
  districtHint: {
    zh: '专家不参与评审本县区的园区',
    en: 'An expert never reviews a park of the same district',
  },
  specialties: { zh: '专业领域', en: 'Specialties' },
  conflicts: { zh: '申报回避单位', en: 'Declared conflicts' },
  conflictsHint: {
    zh: '统一社会信用代码或机构编号，回车添加',
    en: 'USCC or organization id; press Enter to add',
  },
  active: { zh: '在库', en: 'Active' },
  inactive: { zh: '停用', en: 'Inactive' },
};

/** The API's path rule for the account (functions/api/put-expert.ts), on top of the shared schema. */
const userIdPattern = /^[A-Za-z0-9_.@-]{3,128}$/;

const expertFormSchema = expertSchema.superRefine((expert, context) => {
  if (!userIdPattern.test(expert.userId)) {
    context.addIssue({
      code: 'custom',
      path: ['userId'],
      message: '账号须为 3–128 位字母、数字或 _ . @ - / The account must be 3–128 letters, digits or _ . @ -',
    });
  }
  if (!isDistrictOf(expert.zone, expert.district)) {
    context.addIssue({
      code: 'custom',
      path: ['district'],
      message: '专家所在县区不属于该综试区 / The district is not in that zone',
    });
  }
});
type ExpertInput = z.input<typeof expertFormSchema>;
type ExpertOutput = z.output<typeof expertFormSchema>;

const ExpertForm = ({
  expert,
  zone,
  onDone,
  onCancel,
}: {
  expert?: Expert | undefined;
  zone: ZoneCode;
  onDone(expert: Expert): void;
  onCancel(): void;
}) => {
  const { t, language } = useLanguage();
  const saving = usePutExpert();
  const { control, handleSubmit } = useForm<ExpertInput, unknown, ExpertOutput>({
    defaultValues: expert ?? {
      userId: '',
      name: '',
      zone,
      district: '',
      specialties: [],
      conflictOrgIds: [],
      active: true,
    },
    resolver: zodResolver(expertFormSchema, { error: zodMessagesIn(language) }),
  });
  const districts = findZone(zone)?.districts ?? [];
  const submit = handleSubmit((values) =>
    saving.mutate(values, { onSuccess: (reply) => onDone(reply.expert) }),
  );
  return (
    <Form layout="vertical" noValidate onFinish={() => void submit()}>
      <Row gutter={16}>
        <FieldGrid
          control={control}
          fields={[
            {
              name: 'userId',
              label: texts.userId,
              kind: 'text',
              required: true,
              hint: texts.userIdHint,
              disabled: expert !== undefined,
              transform: (value) => value.trim(),
            },
            { name: 'name', label: texts.name, kind: 'text', required: true },
            {
              name: 'district',
              label: texts.district,
              kind: 'select',
              required: true,
              hint: texts.districtHint,
              options: districts.map((district) => ({
                value: district.code,
                label: { zh: district.nameZh, en: district.nameEn },
              })),
            },
            { name: 'active', label: texts.active, kind: 'switch' },
            { name: 'specialties', label: texts.specialties, kind: 'tags', span: 24 },
            {
              name: 'conflictOrgIds',
              label: texts.conflicts,
              kind: 'tags',
              hint: texts.conflictsHint,
              span: 24,
            },
          ]}
        />
      </Row>
      {saving.error ? <ErrorAlert error={saving.error} /> : null}
      <Space style={{ marginTop: 12 }}>
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

const ExpertsPage = () => {
  const { t } = useLanguage();
  const { message } = App.useApp();
  const { zone, setZone, scope, allowed } = useZoneChoice();
  const experts = useExperts(zone);
  const [editing, setEditing] = useState<{ expert?: Expert } | undefined>();
  if (!allowed || !zone) return <NotForThisRole />;
  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{t(texts.title)}</h1>}
      extra={
        <Space>
          <ZoneSelect zone={zone} onChange={setZone} zones={scope.zones} fixed={scope.fixed} />
          <Button
            autoInsertSpace={false}
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({})}
          >
            {t(texts.add)}
          </Button>
        </Space>
      }
    >
      {experts.error ? <ErrorAlert error={experts.error} onRetry={() => experts.refetch()} /> : null}
      <Table<Expert>
        rowKey="userId"
        size="middle"
        loading={experts.isLoading}
        dataSource={experts.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: t(adminTexts.empty) }}
        columns={[
          { title: t(texts.userId), dataIndex: 'userId', width: 160 },
          { title: t(texts.name), dataIndex: 'name', width: 120 },
          {
            title: t(texts.district),
            key: 'district',
            width: 120,
            render: (_, expert) => t(districtName(expert.district)),
          },
          {
            title: t(texts.specialties),
            key: 'specialties',
            render: (_, expert) =>
              expert.specialties.map((specialty) => <Tag key={specialty}>{specialty}</Tag>),
          },
          {
            title: t(texts.conflicts),
            key: 'conflicts',
            width: 110,
            align: 'right',
            render: (_, expert) => expert.conflictOrgIds.length,
          },
          {
            title: t(texts.active),
            key: 'active',
            width: 80,
            render: (_, expert) =>
              expert.active ? <Tag color="success">{t(texts.active)}</Tag> : <Tag>{t(texts.inactive)}</Tag>,
          },
          {
            title: t(adminTexts.actions),
            key: 'actions',
            width: 90,
            render: (_, expert) => (
              <Button
                autoInsertSpace={false}
                size="small"
                aria-label={`${t(adminTexts.edit)} ${expert.userId}`}
                onClick={() => setEditing({ expert })}
              >
                {t(adminTexts.edit)}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== undefined}
        title={editing?.expert ? `${t(texts.editTitle)} ${editing.expert.name}` : t(texts.add)}
        onCancel={() => setEditing(undefined)}
        footer={null}
        width={720}
        destroyOnHidden
      >
        {editing ? (
          <ExpertForm
            expert={editing.expert}
            zone={zone}
            onCancel={() => setEditing(undefined)}
            onDone={(expert) => {
              setEditing(undefined);
              message.success(`${t(adminTexts.saved)}: ${expert.name}`);
            }}
          />
        ) : null}
      </Modal>
    </Card>
  );
};
export default ExpertsPage;
