import { App, Button, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { putPolicyCapBodySchema } from '../../../../../domain/subsidy/policy.ts';
import { localizeMessage } from '../../../shared/bilingual.ts';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { formatCny } from '../../../shared/format.ts';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';
import { usePutZoneCap, useZoneCap } from '../api/policies.ts';

const texts = {
  label: {
    zh: '企业年度补贴总上限（全部政策合计，元）',
    en: 'Annual cap per enterprise across all policies (CNY)',
  },
  none: { zh: '未设置', en: 'Not set' },
  save: { zh: '保存上限', en: 'Save the cap' },
  saved: { zh: '已保存年度上限', en: 'Annual cap saved' },
} satisfies Record<string, Text>;

/**
 * The zone-wide cap of one year: what an enterprise may receive under all of the zone's policies together
 * (the SUBSIDY workflow holds it as a ledger per enterprise). Saved with the version it was read at.
 */
export const ZoneCapEditor = ({ zone, year }: { zone: string; year: number }) => {
  const { t, language } = useLanguage();
  const { message } = App.useApp();
  const cap = useZoneCap(zone, year);
  const save = usePutZoneCap();
  const [value, setValue] = useState<number | null | undefined>();
  const current = cap.data?.perEnterpriseAnnualCapCny;
  const shown = value === undefined ? (current ?? null) : value;
  const body = { perEnterpriseAnnualCapCny: shown, ...(cap.data ? { version: cap.data.version } : {}) };
  const check = putPolicyCapBodySchema.safeParse(body);
  const problem = value !== undefined && !check.success ? check.error.issues[0]?.message : undefined;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Text id="zone-cap-label">{t(texts.label)}</Typography.Text>
        <InputNumber<number>
          aria-labelledby="zone-cap-label"
          aria-invalid={problem !== undefined}
          style={{ width: 180 }}
          min={0}
          precision={2}
          placeholder={t(texts.none)}
          value={shown}
          onChange={(next) => setValue(next)}
        />
        <Typography.Text type="secondary">
          {current === undefined ? t(texts.none) : formatCny(current, language)} · {year}
        </Typography.Text>
        <Button
          loading={save.isPending}
          disabled={value === undefined || !check.success}
          onClick={() =>
            check.success &&
            save.mutate(
              { zone, year, body: check.data },
              {
                onSuccess: () => {
                  setValue(undefined);
                  message.success(t(texts.saved));
                },
              },
            )
          }
        >
          {t(texts.save)}
        </Button>
      </Space>
      {problem ? <Typography.Text type="danger">{localizeMessage(problem, language)}</Typography.Text> : null}
      {cap.error ? <ErrorAlert error={cap.error} onRetry={() => cap.refetch()} /> : null}
      {save.error ? <ErrorAlert error={save.error} /> : null}
    </Space>
  );
};
