import { Descriptions, Space } from 'antd';
import { formatDateTime } from '../../../shared/format.ts';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';
import { AttachmentLink } from '../../attachments/components/AttachmentLink.tsx';
import { choiceLabelOf, choiceLabels, hiddenFields, labelOf } from '../../programs/labels.ts';

const texts = {
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
};

/** A stored instant (`2026-11-27T19:52:53.949Z`); a plain date (`2026-06-15`) is not one and stays as it is. */
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Any stored value, readably: lists and records as nested descriptions, instants in China time. Attached
 * files (items with an `attachmentId`) become download links when the application is known.
 */
export const FormValues = ({ value, applicationId }: { value: unknown; applicationId?: string }) => {
  const { t, language } = useLanguage();
  if (Array.isArray(value)) {
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        {value.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: stored lists have no ids; their order is their identity
          <FormValues key={index} value={item} applicationId={applicationId} />
        ))}
      </Space>
    );
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.zh === 'string' && typeof record.en === 'string') return <>{t(record as Text)}</>;
    const attachmentId = typeof record.attachmentId === 'string' ? record.attachmentId : undefined;
    return (
      <Descriptions size="small" column={1} bordered>
        {Object.entries(record)
          .filter(([key]) => !hiddenFields.has(key) && key !== 'attachmentId')
          .map(([key, item]) => (
            <Descriptions.Item key={key} label={t(labelOf(key))}>
              {key === 'fileName' && attachmentId && applicationId ? (
                <AttachmentLink
                  applicationId={applicationId}
                  attachmentId={attachmentId}
                  fileName={String(item)}
                />
              ) : (
                <FormValues value={item} applicationId={applicationId} />
              )}
            </Descriptions.Item>
          ))}
      </Descriptions>
    );
  }
  if (typeof value === 'boolean') return <>{t(value ? texts.yes : texts.no)}</>;
  if (typeof value === 'string' && choiceLabels[value]) return <>{t(choiceLabelOf(value))}</>;
  if (typeof value === 'string' && isoDateTime.test(value) && !Number.isNaN(Date.parse(value))) {
    return <>{formatDateTime(value, language)}</>;
  }
  return <>{value === undefined || value === null || value === '' ? '—' : String(value)}</>;
};
