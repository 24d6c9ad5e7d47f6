import { PaperClipOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { useLanguage } from '../../../shared/i18n.tsx';
import { useDownloadAttachment } from '../api/attachments.ts';

/** A file of the application, opened through a short-lived link the API signs for readers in scope. */
export const AttachmentLink = ({
  applicationId,
  attachmentId,
  fileName,
}: {
  applicationId: string;
  attachmentId: string;
  fileName: string;
}) => {
  const { t } = useLanguage();
  const download = useDownloadAttachment(applicationId);
  return (
    <>
      <Button
        type="link"
        icon={<PaperClipOutlined />}
        style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
        loading={download.isPending}
        aria-label={`${t({ zh: '下载', en: 'Download' })} ${fileName}`}
        onClick={() => download.mutate(attachmentId)}
      >
        {fileName}
      </Button>
      {download.isError ? <ErrorAlert error={download.error} /> : null}
    </>
  );
};
