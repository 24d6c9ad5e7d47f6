import { CheckCircleOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { Card, Col, Row, Tag, Typography } from 'antd';
import { useId, useMemo } from 'react';
import { useLanguage } from '../../../shared/i18n.tsx';
import type { TargetProgress } from '../api/dashboard.ts';
import { formatMeasure, formatTargetValue, targetSummary } from '../logic.ts';
import { Chart } from './Chart.tsx';
import type { ChartOption } from './EChart.tsx';

const texts = {
  current: { zh: '当前值', en: 'Current' },
  target: { zh: '目标值', en: 'Target' },
  due: { zh: '目标期限', en: 'Due' },
  met: { zh: '已达成', en: 'Met' },
  notMet: { zh: '未达成', en: 'Not yet met' },
};

const gaugeOption = (target: TargetProgress): ChartOption => ({
  animation: false,
  series: [
    {
      type: 'gauge',
      min: 0,
      max: 100,
      startAngle: 200,
      endAngle: -20,
      radius: '95%',
      center: ['50%', '60%'],
      pointer: { show: false },
      progress: { show: true, width: 14, itemStyle: { color: target.met ? '#389e0d' : '#1554ad' } },
      axisLine: { lineStyle: { width: 14, color: [[1, '#f0f0f0']] } },
      axisTick: { show: false },
      splitLine: { show: false },
      axisLabel: { show: false },
      title: { show: false },
      detail: { formatter: `${target.progress}%`, fontSize: 22, offsetCenter: [0, '0%'], color: '#262626' },
      // The arc stops full at 100 %; the figure in the middle says how far beyond.
      data: [{ value: Math.min(Math.max(target.progress, 0), 100) }],
    },
  ],
});

const TargetCard = ({ target }: { target: TargetProgress }) => {
  const { t, language } = useLanguage();
  const headingId = useId();
  const option = useMemo(() => gaugeOption(target), [target]);
  return (
    <section aria-labelledby={headingId} style={{ height: '100%' }}>
      <Card size="small" style={{ height: '100%' }}>
        <Typography.Title level={3} id={headingId} style={{ fontSize: 15, marginTop: 0 }}>
          {t({ zh: target.nameZh, en: target.nameEn })}
        </Typography.Title>
        <Chart option={option} label={targetSummary(target, language, t)} height={140} />
        <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 8, rowGap: 2 }}>
          <dt>{t(texts.current)}</dt>
          <dd style={{ margin: 0, fontWeight: 600 }} data-testid="target-current">
            {formatMeasure(target.unit, target.current, language)}
          </dd>
          <dt>{t(texts.target)}</dt>
          <dd style={{ margin: 0 }}>{formatTargetValue(target, language)}</dd>
          <dt>{t(texts.due)}</dt>
          <dd style={{ margin: 0 }}>{target.dueDate}</dd>
        </dl>
        <div style={{ marginTop: 8 }}>
          {target.met ? (
            <Tag color="success" icon={<CheckCircleOutlined />}>
              {t(texts.met)}
            </Tag>
          ) : (
            <Tag color="processing" icon={<ClockCircleOutlined />}>
              {t(texts.notMet)}
            </Tag>
          )}
        </div>
      </Card>
    </section>
  );
};

/** A gauge per zone target: how far the current value has come towards the plan's figure. */
export const TargetCards = ({ targets }: { targets: readonly TargetProgress[] }) => (
  <Row gutter={[16, 16]}>
    {targets.map((target) => (
      <Col key={target.code} xs={24} sm={12} xl={6}>
        <TargetCard target={target} />
      </Col>
    ))}
  </Row>
);
