import { Alert, Card, Space, Typography, theme } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { type Text, useLanguage } from '../../../shared/i18n.tsx';
import { stageOf, usePrograms } from '../../programs/api/programs.ts';
import { useWorkflowDefinition } from '../api/definitions.ts';
import { layoutWorkflow, type PlacedEdge, type PlacedNode } from '../layout.ts';
import {
  type ExecutionEvent,
  edgeKey,
  executionProgress,
  humanizeStateName,
  workflowGraph,
  wrapLabel,
} from '../logic.ts';
import { stateNames } from '../state-names.ts';

const texts = {
  title: { zh: '流程进度', en: 'Workflow progress' },
  current: { zh: '当前环节', en: 'Current step' },
  finished: { zh: '流程已结束', en: 'The workflow has ended' },
  steps: { zh: '已经过 {n} 个步骤', en: '{n} steps taken' },
  legendCurrent: { zh: '当前', en: 'Current' },
  legendDone: { zh: '已经过', en: 'Passed' },
  legendTodo: { zh: '未经过', en: 'Not reached' },
  unavailable: { zh: '无法加载流程图', en: 'The workflow chart could not be loaded' },
  diagram: { zh: '流程图', en: 'Workflow chart' },
} satisfies Record<string, Text>;

type NodeStatus = 'current' | 'done' | 'todo';

const edgePath = (edge: PlacedEdge) =>
  edge.points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x},${point.y}`).join(' ');

const ArrowHead = ({ id, colour }: { id: string; colour: string }) => (
  <marker
    id={id}
    viewBox="0 0 10 10"
    refX="10"
    refY="5"
    markerWidth="7"
    markerHeight="7"
    orient="auto-start-reverse"
  >
    <path d="M 0 0 L 10 5 L 0 10 z" fill={colour} />
  </marker>
);

/**
 * The program's state machine drawn as a graph: states the execution passed through in green, the one it
 * waits in highlighted (and scrolled into view), the rest grey; transitions taken drawn solid.
 */
export const WorkflowDiagram = ({
  program,
  events,
}: {
  program: string;
  events: readonly ExecutionEvent[];
}) => {
  const { t } = useLanguage();
  const { token } = theme.useToken();
  const programs = usePrograms();
  const definition = useWorkflowDefinition(program);
  const scroller = useRef<HTMLDivElement>(null);
  const chart = useMemo(
    () => (definition.data ? layoutWorkflow(workflowGraph(definition.data)) : undefined),
    [definition.data],
  );
  const progress = useMemo(() => executionProgress(events), [events]);

  const current = chart?.nodes.find((node) => node.id === progress.current);
  // Scrolls the chart's own box (not the page) so the current step is in view.
  useEffect(() => {
    const box = scroller.current;
    if (!box || !current) return;
    box.scrollTop = Math.max(0, current.y - box.clientHeight / 2);
    box.scrollLeft = Math.max(0, current.x - box.clientWidth / 2);
  }, [current]);

  if (definition.error || definition.data === null) {
    return (
      <Card title={t(texts.title)}>
        <Alert type="warning" showIcon message={t(texts.unavailable)} />
      </Card>
    );
  }
  if (!chart) return <Card title={t(texts.title)} loading />;

  const labelOf = (node: PlacedNode): string => {
    const stage = node.stage ? stageOf(programs.data, program, node.stage) : undefined;
    if (stage) return t(stage.name);
    const named = stateNames[node.id];
    return named ? t(named) : humanizeStateName(node.id);
  };
  const statusOf = (node: PlacedNode): NodeStatus =>
    node.id === progress.current ? 'current' : progress.visited.has(node.id) ? 'done' : 'todo';
  const colours: Record<NodeStatus, { fill: string; stroke: string; text: string }> = {
    current: { fill: token.colorPrimary, stroke: token.colorPrimaryActive, text: token.colorWhite },
    done: { fill: token.colorSuccessBg, stroke: token.colorSuccess, text: token.colorText },
    todo: { fill: token.colorBgContainer, stroke: token.colorBorder, text: token.colorTextSecondary },
  };
  const summary = progress.finished
    ? t(texts.finished)
    : current
      ? `${t(texts.current)}：${labelOf(current)}`
      : '';

  return (
    <Card title={t(texts.title)} extra={<Typography.Text type="secondary">{summary}</Typography.Text>}>
      <Space size="large" wrap style={{ marginBottom: 8 }}>
        {(['current', 'done', 'todo'] as const).map((status) => (
          <Space key={status} size={4}>
            <span
              aria-hidden
              style={{
                display: 'inline-block',
                width: 14,
                height: 14,
                borderRadius: 3,
                background: colours[status].fill,
                border: `1px solid ${colours[status].stroke}`,
              }}
            />
            <Typography.Text>
              {t(
                status === 'current'
                  ? texts.legendCurrent
                  : status === 'done'
                    ? texts.legendDone
                    : texts.legendTodo,
              )}
            </Typography.Text>
          </Space>
        ))}
        <Typography.Text type="secondary">
          {t(texts.steps).replace('{n}', String(progress.path.length))}
        </Typography.Text>
      </Space>
      <section
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a chart larger than its box must be scrollable by keyboard (WCAG 2.1.1; axe scrollable-region-focusable)
        tabIndex={0}
        aria-label={t(texts.diagram)}
        ref={scroller}
        style={{ maxHeight: 560, overflow: 'auto', border: `1px solid ${token.colorBorderSecondary}` }}
      >
        <svg
          role="img"
          aria-label={`${t(texts.diagram)}${summary ? `：${summary}` : ''}`}
          width={chart.width}
          height={chart.height}
          viewBox={`0 0 ${chart.width} ${chart.height}`}
          style={{ display: 'block', fontFamily: token.fontFamily }}
        >
          <defs>
            <ArrowHead id="workflow-arrow" colour={token.colorTextTertiary} />
            <ArrowHead id="workflow-arrow-taken" colour={token.colorSuccess} />
          </defs>
          {chart.edges.map((edge) => {
            const taken = progress.traversed.has(edgeKey(edge.from, edge.to));
            return (
              <g
                key={`${edge.from}-${edge.to}-${edge.kind}-${edge.label ?? ''}`}
                data-edge={edgeKey(edge.from, edge.to)}
                data-taken={taken}
              >
                <path
                  d={edgePath(edge)}
                  fill="none"
                  stroke={taken ? token.colorSuccess : token.colorBorder}
                  strokeWidth={taken ? 2 : 1}
                  strokeDasharray={edge.kind === 'catch' ? '4 3' : undefined}
                  markerEnd={`url(#${taken ? 'workflow-arrow-taken' : 'workflow-arrow'})`}
                />
                {edge.label && edge.labelAt ? (
                  <text
                    x={edge.labelAt.x}
                    y={edge.labelAt.y + 4}
                    fontSize={10}
                    textAnchor="middle"
                    fill={token.colorTextSecondary}
                  >
                    {edge.label}
                  </text>
                ) : null}
              </g>
            );
          })}
          {chart.nodes.map((node) => {
            const status = statusOf(node);
            const colour = colours[status];
            const label = labelOf(node);
            const choice = node.type === 'Choice';
            const fontSize = node.stage ? 13 : 11;
            const lines = wrapLabel(label, (node.width - 16) / fontSize);
            return (
              <g
                key={node.id}
                data-state={node.id}
                data-status={status}
                aria-current={status === 'current' ? 'step' : undefined}
                transform={`translate(${node.x - node.width / 2},${node.y - node.height / 2})`}
              >
                <title>{`${label} (${node.id})`}</title>
                <rect
                  width={node.width}
                  height={node.height}
                  rx={choice ? 18 : 6}
                  fill={colour.fill}
                  stroke={colour.stroke}
                  strokeWidth={status === 'current' ? 2.5 : 1}
                  strokeDasharray={choice && status === 'todo' ? '4 2' : undefined}
                />
                <text
                  x={node.width / 2}
                  y={node.height / 2 + 4 - (lines.length - 1) * 7}
                  fontSize={fontSize}
                  fontWeight={node.stage ? 600 : 400}
                  textAnchor="middle"
                  fill={colour.text}
                >
                  {lines.map((line, index) => (
                    <tspan key={line} x={node.width / 2} dy={index === 0 ? 0 : 14}>
                      {line}
                    </tspan>
                  ))}
                </text>
              </g>
            );
          })}
        </svg>
      </section>
    </Card>
  );
};
