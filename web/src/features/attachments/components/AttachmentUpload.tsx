import { CheckCircleTwoTone, UploadOutlined } from '@ant-design/icons';
import { Button, Space, Typography, Upload } from 'antd';
import { useController } from 'react-hook-form';
import { attachmentExtensions } from '../../../../../domain/shared/attachment.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';
import type { WidgetProps } from '../../programs/components/FieldWidgets.tsx';
import { useUploadAttachment } from '../api/attachments.ts';

const texts = {
  choose: { zh: '选择文件', en: 'Choose a file' },
  replace: { zh: '更换文件', en: 'Replace the file' },
  uploading: { zh: '正在上传…', en: 'Uploading…' },
  uploaded: { zh: '已上传', en: 'Uploaded' },
  hint: {
    zh: `${attachmentExtensions.join('、')}，不超过 20 MB`,
    en: `${attachmentExtensions.join(', ')}; at most 20 MB`,
  },
} satisfies Record<string, Text>;

const accept = attachmentExtensions.map((extension) => `.${extension}`).join(',');

/**
 * The `attachmentId` of an attached-file item (`{ attachmentId, fileName }`): choosing a file uploads it
 * and fills both, so the form names only files that reached the bucket.
 */
export const AttachmentUpload = ({ id, label, value, onChange, control }: WidgetProps) => {
  const { t } = useLanguage();
  const fileName = useController({ control, name: id.replace(/attachmentId$/, 'fileName') });
  const upload = useUploadAttachment();
  const uploadedName = typeof value === 'string' ? (fileName.field.value as string | undefined) : undefined;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Upload
        accept={accept}
        showUploadList={false}
        maxCount={1}
        customRequest={({ file }) => {
          upload.mutate(file as File, {
            onSuccess: (uploaded) => {
              onChange(uploaded.attachmentId);
              fileName.field.onChange(uploaded.fileName);
            },
          });
        }}
      >
        <Button
          id={id}
          aria-label={`${label}：${t(uploadedName ? texts.replace : texts.choose)}`}
          icon={<UploadOutlined />}
          loading={upload.isPending}
        >
          {t(upload.isPending ? texts.uploading : uploadedName ? texts.replace : texts.choose)}
        </Button>
      </Upload>
      {uploadedName && !upload.isPending ? (
        <Typography.Text data-testid={`${id}-uploaded`}>
          <CheckCircleTwoTone twoToneColor="#389e0d" /> {t(texts.uploaded)}：{uploadedName}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">{t(texts.hint)}</Typography.Text>
      )}
      {upload.isError ? <ErrorAlert error={upload.error} /> : null}
    </Space>
  );
};
