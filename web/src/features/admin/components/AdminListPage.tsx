import { PlusOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { App, Button, Card, Modal, Space, Table, type TableColumnsType, type TableProps } from 'antd';
import { type ReactNode, useState } from 'react';
import type { ZoneCode } from '../../../../../domain/shared/zones.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';
import { adminTexts } from '../texts.ts';
import { NotForThisRole, type useZoneChoice, ZoneSelect } from './scope.tsx';

/** What a page's editor is given: the row it edits (none for a new one), the page's zone, and its ends. */
export interface EditorProps<T> {
  row: T | undefined;
  zone: ZoneCode;
  close(): void;
  /** Closes the editor and says so: `已保存: <name>`, or `已保存` without a name. */
  saved(name?: string): void;
}

export interface AdminListPageProps<T> {
  title: Text;
  /** The page's zone choice (`useZoneChoice()`); a role without zones gets the 403 page instead. */
  choice: ReturnType<typeof useZoneChoice>;
  rows: Pick<UseQueryResult<T[]>, 'data' | 'error' | 'isLoading' | 'refetch'>;
  rowKey: TableProps<T>['rowKey'];
  /** The table's columns; `edit` opens the editor on a row. */
  columns(edit: (row: T) => void): TableColumnsType<T>;
  /** The table's scroll width (px). */
  scrollX: number;
  /** The label of the button that opens the editor on a new row. */
  addLabel: Text;
  /** Choices beside the zone's (e.g. a year): with them, the choices get their own row above the table. */
  filters?: ReactNode;
  /** Between the choices and the table (tabs, a setting of the zone). */
  aboveTable?(zone: ZoneCode): ReactNode;
  /** Cards under the list's: with them the page is a stack of cards. */
  below?(zone: ZoneCode): ReactNode;
  /** The page's own dialogs besides the editor. */
  children?: ReactNode;
  editor: {
    /** The dialog's title, for a row or (undefined) a new one. */
    title(row: T | undefined): string;
    width: number;
    render(props: EditorProps<T>): ReactNode;
  };
}

/** The edit button of a row, named by the row (`编辑 WH-2026-OW-01`) for screen readers and tests. */
export const EditButton = ({ name, onClick }: { name: string; onClick(): void }) => {
  const { t } = useLanguage();
  return (
    <Button
      autoInsertSpace={false}
      size="small"
      aria-label={`${t(adminTexts.edit)} ${name}`}
      onClick={onClick}
    >
      {t(adminTexts.edit)}
    </Button>
  );
};

/**
 * The frame of an administrator's registry page: the title, the zone (and other) choices, a button for
 * a new row, the table with its loading and error states, and the editor in a dialog.
 */
export const AdminListPage = <T extends object>({
  title,
  choice,
  rows,
  rowKey,
  columns,
  scrollX,
  addLabel,
  filters,
  aboveTable,
  below,
  children,
  editor,
}: AdminListPageProps<T>) => {
  const { t } = useLanguage();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<{ row?: T } | undefined>();
  const { zone, setZone, scope, allowed } = choice;
  if (!allowed || !zone) return <NotForThisRole />;

  const close = () => setEditing(undefined);
  const saved = (name?: string) => {
    close();
    message.success(name === undefined ? t(adminTexts.saved) : `${t(adminTexts.saved)}: ${name}`);
  };
  const zoneSelect = <ZoneSelect zone={zone} onChange={setZone} zones={scope.zones} fixed={scope.fixed} />;
  const addButton = (
    <Button autoInsertSpace={false} type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
      {t(addLabel)}
    </Button>
  );
  const editorDialog = (
    <Modal
      open={editing !== undefined}
      title={editor.title(editing?.row)}
      onCancel={close}
      footer={null}
      width={editor.width}
      destroyOnHidden
    >
      {editing ? editor.render({ row: editing.row, zone, close, saved }) : null}
    </Modal>
  );
  const list = (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{t(title)}</h1>}
      extra={
        filters ? (
          addButton
        ) : (
          <Space>
            {zoneSelect}
            {addButton}
          </Space>
        )
      }
    >
      {filters ? (
        <Space wrap style={{ marginBottom: 12 }}>
          {zoneSelect}
          {filters}
        </Space>
      ) : null}
      {aboveTable?.(zone)}
      {rows.error ? <ErrorAlert error={rows.error} onRetry={() => rows.refetch()} /> : null}
      <Table<T>
        rowKey={rowKey}
        size="middle"
        loading={rows.isLoading}
        dataSource={rows.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: scrollX }}
        locale={{ emptyText: t(adminTexts.empty) }}
        columns={columns((row) => setEditing({ row }))}
      />
      {below ? null : editorDialog}
      {children}
    </Card>
  );
  if (!below) return list;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {list}
      {below(zone)}
      {editorDialog}
    </Space>
  );
};
