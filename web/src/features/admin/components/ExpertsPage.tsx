import { Button, Form, Row, Space, Tag } from 'antd';
import { type Expert, expertSchema } from '../../../../../domain/shared/expert.ts';
import { findZone, isDistrictOf, type ZoneCode } from '../../../../../domain/shared/zones.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { useLanguage } from '../../../shared/i18n.tsx';
import { districtName } from '../../../shared/places.ts';
import { useSchemaForm } from '../../../shared/schema-form.ts';
import { useExperts, usePutExpert } from '../api/experts.ts';
import { adminTexts } from '../texts.ts';
import { AdminListPage, EditButton } from './AdminListPage.tsx';
import { FieldGrid } from './FieldGrid.tsx';
import { useZoneChoice } from './scope.tsx';

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
  const { t } = useLanguage();
  const saving = usePutExpert();
  const { control, handleSubmit } = useSchemaForm(
    expertFormSchema,
    expert ?? {
      userId: '',
      name: '',
      zone,
      district: '',
      specialties: [],
      conflictOrgIds: [],
      active: true,
    },
    { parsed: true },
  );
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
  const choice = useZoneChoice();
  const experts = useExperts(choice.zone);
  return (
    <AdminListPage<Expert>
      title={texts.title}
      choice={choice}
      rows={experts}
      rowKey="userId"
      scrollX={900}
      addLabel={texts.add}
      columns={(edit) => [
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
          render: (_, expert) => <EditButton name={expert.userId} onClick={() => edit(expert)} />,
        },
      ]}
      editor={{
        title: (expert) => (expert ? `${t(texts.editTitle)} ${expert.name}` : t(texts.add)),
        width: 720,
        render: ({ row, zone, close, saved }) => (
          <ExpertForm expert={row} zone={zone} onCancel={close} onDone={(expert) => saved(expert.name)} />
        ),
      }}
    />
  );
};
export default ExpertsPage;
