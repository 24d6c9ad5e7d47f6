import { lazy, Suspense } from 'react';
import type { EChartProps } from './EChart.tsx';

// ECharts arrives with the first chart drawn, in its own chunk.
const EChart = lazy(() => import('./EChart.tsx'));

/** A chart with its text alternative; while ECharts loads, the placeholder already carries the words. */
export const Chart = (props: EChartProps) => (
  <Suspense
    fallback={
      <div
        role="img"
        aria-label={props.label}
        aria-busy="true"
        style={{ height: props.height, background: '#fafafa', borderRadius: 8 }}
      />
    }
  >
    <EChart {...props} />
  </Suspense>
);
