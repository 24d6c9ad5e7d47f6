import { GlobalOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, Modal, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { findProgram } from '../../../../../domain/programs.ts';
import type { PublicNoticeListing } from '../../../../../domain/shared/notice.ts';
import { findDistrict, findZone } from '../../../../../domain/shared/zones.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { type Language, type Text, useLanguage } from '../../../shared/i18n.tsx';
import { usePublicNotices } from '../api/notices.ts';
import { ObjectionForm } from './ObjectionForm.tsx';

const texts = {
  title: { zh: '公示公告', en: 'Public notices' },
  platform: { zh: '跨境电商综试区业务协同平台', en: 'Cross-border e-commerce pilot zones' },
  intro: {
    zh: '以下事项正在公示。对公示内容有异议的，可在公示期内实名提出，并写明事实和理由。',
    en: 'The following matters are under public notice. Anyone who objects may say so during the notice period, with their name, the facts and their reasons.',
  },
  language: { zh: 'English', en: '中文' },
  switchLanguage: { zh: 'Switch to English', en: '切换到中文' },
  applicant: { zh: '申报单位', en: 'Applicant' },
  program: { zh: '事项', en: 'Matter' },
  location: { zh: '所在地', en: 'Location' },
  period: { zh: '公示期', en: 'Notice period' },
  deadline: { zh: '异议截止', en: 'Objections until' },
  notStarted: { zh: '公示即将开始', en: 'Starts soon' },
  open: { zh: '公示中', en: 'Open' },
  object: { zh: '提出异议', en: 'File an objection' },
  objectTo: { zh: '对“{title}”提出异议', en: 'Objection to “{title}”' },
  none: { zh: '当前没有正在公示的事项', en: 'Nothing is under public notice at the moment' },
  loadFailed: { zh: '公示列表加载失败', en: 'The notices could not be loaded' },
  retry: { zh: '重试', en: 'Retry' },
} satisfies Record<string, Text>;

/** Variants a member of the public needs told apart (a park's municipal or provincial certification). */
const variantText: Record<string, Text> = {
  MUNICIPAL: { zh: '市级认定', en: 'municipal' },
  PROVINCIAL: { zh: '省级认定', en: 'provincial' },
};

/** The working day in China today: notices are dated in China time whatever the browser's zone. */
const chinaToday = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

const matterOf = (notice: PublicNoticeListing, language: Language): string => {
  const pick = (text: Text) => (language === 'en' ? text.en : text.zh);
  const program = findProgram(notice.program);
  const name = program ? pick(program.name) : notice.program;
  const variant = variantText[notice.variant];
  if (!variant) return name;
  return language === 'en' ? `${name} (${pick(variant)})` : `${name}（${pick(variant)}）`;
};

const locationOf = (notice: PublicNoticeListing, language: Language): string => {
  const zone = findZone(notice.zone);
  const district = findDistrict(notice.zone, notice.district);
  const pick = (place: { nameZh: string; nameEn: string } | undefined, code: string) =>
    place ? (language === 'en' ? place.nameEn : place.nameZh) : code;
  return [pick(zone, notice.zone), pick(district, notice.district)].join(language === 'en' ? ', ' : ' · ');
};

const NoticeCard = ({ notice, onObject }: { notice: PublicNoticeListing; onObject(): void }) => {
  const { language, t } = useLanguage();
  // Only a hint: the API decides whether the period has begun, and says so if it has not.
  const started = chinaToday() >= notice.firstDay;
  const headingId = `notice-${notice.applicationId}`;
  return (
    <Card
      role="article"
      aria-labelledby={headingId}
      title={
        <Typography.Title level={2} id={headingId} style={{ fontSize: 18, margin: 0, whiteSpace: 'normal' }}>
          {notice.title}
        </Typography.Title>
      }
      extra={
        <Tag color={started ? 'processing' : 'default'}>{t(started ? texts.open : texts.notStarted)}</Tag>
      }
      actions={[
        <Button key="object" type="link" onClick={onObject} aria-describedby={headingId}>
          {t(texts.object)}
        </Button>,
      ]}
    >
      <Descriptions
        column={{ xs: 1, sm: 1, md: 2 }}
        size="small"
        items={[
          ...(notice.orgName
            ? [{ key: 'applicant', label: t(texts.applicant), children: notice.orgName }]
            : []),
          { key: 'program', label: t(texts.program), children: matterOf(notice, language) },
          { key: 'location', label: t(texts.location), children: locationOf(notice, language) },
          { key: 'period', label: t(texts.period), children: `${notice.firstDay} – ${notice.lastDay}` },
          { key: 'deadline', label: t(texts.deadline), children: formatDateTime(notice.endsAt, language) },
        ]}
      />
    </Card>
  );
};

/**
 * The public notice page (公示), reachable without signing in: open notices of the pilot zones and a form
 * to object to one of them.
 */
export const PublicNoticesPage = () => {
  const { language, setLanguage, t } = useLanguage();
  const notices = usePublicNotices();
  const [objectingTo, setObjectingTo] = useState<PublicNoticeListing>();

  return (
    <main style={{ maxWidth: 960, margin: '0 auto', padding: '24px 16px' }}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div>
          <Typography.Text type="secondary">{t(texts.platform)}</Typography.Text>
          <Typography.Title level={1} style={{ fontSize: 28, marginTop: 4 }}>
            {t(texts.title)}
          </Typography.Title>
        </div>
        {/* Outside the signed-in shell, so the page carries the shared language switch itself. */}
        <Button
          icon={<GlobalOutlined />}
          onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}
          aria-label={t(texts.switchLanguage)}
          lang={language === 'zh' ? 'en' : 'zh-CN'}
        >
          {t(texts.language)}
        </Button>
      </Flex>
      <Typography.Paragraph>{t(texts.intro)}</Typography.Paragraph>

      {notices.isPending ? (
        <Skeleton active />
      ) : notices.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={t(texts.loadFailed)}
          description={notices.error.message}
          action={<Button onClick={() => void notices.refetch()}>{t(texts.retry)}</Button>}
        />
      ) : notices.data.items.length === 0 ? (
        <Empty description={t(texts.none)} />
      ) : (
        <Flex vertical gap={16}>
          {notices.data.items.map((notice) => (
            <NoticeCard key={notice.applicationId} notice={notice} onObject={() => setObjectingTo(notice)} />
          ))}
        </Flex>
      )}

      <Modal
        open={objectingTo !== undefined}
        title={objectingTo ? t(texts.objectTo).replace('{title}', objectingTo.title) : undefined}
        onCancel={() => setObjectingTo(undefined)}
        footer={null}
        destroyOnHidden
        width={640}
      >
        {objectingTo ? (
          <ObjectionForm applicationId={objectingTo.applicationId} onDone={() => setObjectingTo(undefined)} />
        ) : null}
      </Modal>
    </main>
  );
};

export default PublicNoticesPage;
