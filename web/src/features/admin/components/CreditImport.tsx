import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { type CreditList, creditListNames, creditListSchema } from '../../../../../domain/registry/credit.ts';
import type { ImportReport } from '../../../../../domain/registry/credit-import.ts';
import type { ZoneCode } from '../../../../../domain/shared/zones.ts';
import { ApiFailure } from '../../../shared/api.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';
import { useCreditImport, useImportCreditList } from '../api/credit-lists.ts';
import { bytesToBase64, importFileProblem, MAX_IMPORT_FILE_BYTES, reportFromDetails } from '../logic.ts';
import { ImportReportTable } from './ImportReportTable.tsx';

const texts = {
  title: { zh: '批量导入', en: 'Bulk import' },
  help: {
    zh: '上传 .xlsx 或 UTF-8 编码的 .csv 文件，表头：统一社会信用代码、企业名称、原因、来源、开始日期、结束日期（可选）。任一行未通过校验时整个文件都不导入。',
    en: 'Upload an .xlsx or UTF-8 .csv file with the header uscc, enterpriseName, reason, source, startDate, endDate (optional). If any row is refused, nothing in the file is imported.',
  },
  list: { zh: '导入到名单', en: 'Import into list' },
  file: { zh: '选择文件', en: 'Choose a file' },
  send: { zh: '导入', en: 'Import' },
  template: { zh: '下载 CSV 模板', en: 'Download a CSV template' },
  done: { zh: '导入完成：{n} 行已写入名单', en: 'Imported: {n} rows written to the list' },
  again: {
    zh: '该文件此前已导入，未重复写入',
    en: 'This file was imported before; nothing was written again',
  },
  importId: { zh: '导入编号', en: 'Import ID' },
  lookup: { zh: '按导入编号查询报告', en: 'Look up a report by import ID' },
  lookupButton: { zh: '查询', en: 'Look up' },
  fileType: { zh: '文件须为 .xlsx 或 .csv', en: 'The file must be .xlsx or .csv' },
  fileEmpty: { zh: '文件为空', en: 'The file is empty' },
  fileSize: {
    zh: `文件超过 ${Math.floor(MAX_IMPORT_FILE_BYTES / 1024)} KB，请拆分后分批导入`,
    en: `The file is over ${Math.floor(MAX_IMPORT_FILE_BYTES / 1024)} KB; split it and import the parts`,
  },
} satisfies Record<string, Text>;

const problemText = { type: texts.fileType, empty: texts.fileEmpty, size: texts.fileSize };

const TEMPLATE = '\uFEFF统一社会信用代码,企业名称,原因,来源,开始日期,结束日期\n';

const downloadTemplate = () => {
  const url = URL.createObjectURL(new Blob([TEMPLATE], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'credit-list-template.csv';
  link.click();
  URL.revokeObjectURL(url);
};

/**
 * Bulk import: the file is read in the browser and sent base64-encoded in the JSON body. The reply (or, for
 * refused rows, the 422's details) carries the per-row report, shown as it is.
 */
export const CreditImport = ({ zone, initialList }: { zone: ZoneCode; initialList: CreditList }) => {
  const { t, language } = useLanguage();
  const importing = useImportCreditList();
  const [list, setList] = useState<CreditList>(initialList);
  const [file, setFile] = useState<File | undefined>();
  const [problem, setProblem] = useState<Text | undefined>();
  const [lookupId, setLookupId] = useState<string | undefined>();
  const looked = useCreditImport(lookupId);

  const send = async () => {
    if (!file) return;
    const found = importFileProblem(file);
    if (found) {
      setProblem(problemText[found]);
      return;
    }
    setProblem(undefined);
    setLookupId(undefined);
    const contentBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    importing.mutate({ list, zone, fileName: file.name, contentBase64 });
  };

  const refusedReport: ImportReport | undefined =
    importing.error instanceof ApiFailure ? reportFromDetails(importing.error.details) : undefined;
  const reply = lookupId ? looked.data : importing.data;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t(texts.help)}{' '}
        <Button
          autoInsertSpace={false}
          type="link"
          size="small"
          onClick={downloadTemplate}
          style={{ padding: 0 }}
        >
          {t(texts.template)}
        </Button>
      </Typography.Paragraph>
      <Form layout="inline" onFinish={() => void send()}>
        <Form.Item label={t(texts.list)} htmlFor="credit-import-list">
          <Select<CreditList>
            id="credit-import-list"
            style={{ width: 180 }}
            value={list}
            onChange={setList}
            options={creditListSchema.options.map((value) => ({ value, label: t(creditListNames[value]) }))}
          />
        </Form.Item>
        <Form.Item>
          <Upload
            accept=".xlsx,.csv"
            maxCount={1}
            beforeUpload={(chosen) => {
              setFile(chosen);
              setProblem(undefined);
              importing.reset();
              return false;
            }}
            onRemove={() => setFile(undefined)}
            fileList={file ? [{ uid: 'chosen', name: file.name, status: 'done' }] : []}
          >
            <Button autoInsertSpace={false} icon={<UploadOutlined />}>
              {t(texts.file)}
            </Button>
          </Upload>
        </Form.Item>
        <Form.Item>
          <Button
            autoInsertSpace={false}
            type="primary"
            htmlType="submit"
            disabled={!file}
            loading={importing.isPending}
          >
            {t(texts.send)}
          </Button>
        </Form.Item>
      </Form>
      {problem ? <Alert type="error" showIcon role="alert" message={t(problem)} /> : null}
      {importing.error ? <ErrorAlert error={importing.error} /> : null}
      {refusedReport ? <ImportReportTable report={refusedReport} imported={false} /> : null}
      {reply ? (
        <>
          <Alert
            type="success"
            showIcon
            message={t(texts.done).replace('{n}', String(reply.import.accepted.length))}
            description={
              <>
                {t(texts.importId)}: <Typography.Text copyable>{reply.import.id}</Typography.Text> ·{' '}
                {reply.import.fileName} ·{' '}
                {formatDateTime(reply.import.completedAt ?? reply.import.createdAt, language)}
              </>
            }
          />
          <ImportReportTable report={reply.report} imported />
        </>
      ) : null}
      <Form
        layout="inline"
        onFinish={(values: { id?: string }) => setLookupId(values.id?.trim() || undefined)}
      >
        <Form.Item label={t(texts.lookup)} name="id" htmlFor="credit-import-id">
          <Input id="credit-import-id" style={{ width: 320 }} placeholder={t(texts.importId)} />
        </Form.Item>
        <Form.Item>
          <Button autoInsertSpace={false} htmlType="submit" loading={looked.isFetching}>
            {t(texts.lookupButton)}
          </Button>
        </Form.Item>
      </Form>
      {lookupId && looked.error ? <ErrorAlert error={looked.error} /> : null}
    </Space>
  );
};
