import { Descriptions, Progress, Skeleton } from 'antd';
import { ErrorAlert } from '../../../shared/ErrorState.tsx';
import { formatCny } from '../../../shared/format.ts';
import { useLanguage } from '../../../shared/i18n.tsx';
import { usePolicyBudget } from '../api/policies.ts';
import { budgetShares } from '../logic.ts';

const texts = {
  total: { zh: '总预算', en: 'Total budget' },
  available: { zh: '可用', en: 'Available' },
  reserved: { zh: '已预留（在途申请）', en: 'Reserved by live claims' },
  committed: { zh: '已拨付', en: 'Committed (disbursed)' },
  use: { zh: '使用情况', en: 'Use' },
};

/** A policy's budget as it stands (one consistent read: the four figures always add up). */
export const PolicyBudget = ({ code }: { code: string }) => {
  const { t, language } = useLanguage();
  const budget = usePolicyBudget(code);
  if (budget.error) return <ErrorAlert error={budget.error} onRetry={() => budget.refetch()} />;
  if (!budget.data) return <Skeleton active />;
  const figures = budget.data.budget;
  const shares = budgetShares(figures);
  return (
    <Descriptions column={1} bordered size="small">
      <Descriptions.Item label={t(texts.total)}>{formatCny(figures.totalCny, language)}</Descriptions.Item>
      <Descriptions.Item label={t(texts.available)}>
        {formatCny(figures.availableCny, language)}
      </Descriptions.Item>
      <Descriptions.Item label={t(texts.reserved)}>
        {formatCny(figures.reservedCny, language)}
      </Descriptions.Item>
      <Descriptions.Item label={t(texts.committed)}>
        {formatCny(figures.committedCny, language)}
      </Descriptions.Item>
      <Descriptions.Item label={t(texts.use)}>
        <Progress
          percent={shares.committed + shares.reserved}
          success={{ percent: shares.committed }}
          aria-label={t(texts.use)}
        />
      </Descriptions.Item>
    </Descriptions>
  );
};
