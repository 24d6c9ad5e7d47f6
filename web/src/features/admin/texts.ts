import type { Text } from '../../shared/i18n.tsx';

/** Words the administrator's pages share. */
export const adminTexts = {
  zone: { zh: '综试区', en: 'Pilot zone' },
  year: { zh: '年度', en: 'Year' },
  allYears: { zh: '全部年度', en: 'All years' },
  edit: { zh: '编辑', en: 'Edit' },
  save: { zh: '保存', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  saved: { zh: '已保存', en: 'Saved' },
  actions: { zh: '操作', en: 'Actions' },
  version: { zh: '版本', en: 'Version' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  empty: { zh: '暂无数据', en: 'No data' },
  forbidden: {
    zh: '此页面仅供系统管理员和领导小组办公室使用',
    en: 'This page is for administrators and the leading-group office',
  },
  versionConflict: {
    zh: '该记录已被他人修改：列表已刷新，请关闭后重新打开再编辑',
    en: 'Someone else changed this record: the list was reloaded; close and open it again to edit',
  },
} satisfies Record<string, Text>;
