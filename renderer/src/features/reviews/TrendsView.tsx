import { format } from 'date-fns';
import type { ReactNode } from 'react';
import type { YAxisProps } from 'recharts';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { ApiOutputs } from '../../../../shared/contract/api.js';
import type { TrendStep } from '../../../../shared/reviews/trends.js';
import { ChartFigure } from '../../ui/ChartFigure.js';
import { AIM, amount, compactNumber, hoursFigure, percent } from './figureText.js';

/** Charts are drawn in SVG (crisp on screen and in print); colours are the theme's (CSS variables, which SVG attributes take). */
const HEIGHT = 190;
const axis = { tick: { fontSize: 11, fill: 'var(--muted)' }, tickLine: false, axisLine: false } as const;
/** A value axis as wide as its longest label, large counts written short (12k). */
const values = { ...axis, width: 'auto', tickFormatter: compactNumber } as const;
const MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };
/** The legend's words in the text colour (by default each takes its series' colour, too faint for some). */
const legend = { iconSize: 10, wrapperStyle: { fontSize: 12 }, formatter: (value: string) => <span className="chart-legend">{value}</span> } as const;
const asPercent = (v: number | null) => (v === null ? null : Math.round(v * 100));

/** One chart's frame: its grid, axes and legend; the series are its children. */
function TrendChart({ data, x, y, children }: { data: object[]; x: string; y?: YAxisProps; children: ReactNode }) {
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <ComposedChart accessibilityLayer={false} data={data} margin={MARGIN}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey={x} {...axis} />
        <YAxis {...values} {...y} />
        {children}
        <Legend {...legend} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

/** The figures by week or month, the open backlog by age, and who asks at short notice. */
export function TrendsView({ trends, step }: { trends: ApiOutputs['getReviewTrends']; step: TrendStep }) {
  const label = (iso: string) => (step === 'week' ? `w/c ${format(new Date(iso), 'd MMM')}` : format(new Date(iso), 'MMM yyyy'));
  const points = trends.points.map((p) => ({
    ...p,
    label: label(p.start),
    response: asPercent(p.responseMet),
    resolution: asPercent(p.resolutionMet),
  }));
  const shortNotice = trends.shortNotice.map((d) => ({
    ...d,
    share: Math.round((d.shortNotice / d.count) * 100),
    metAnyway: d.shortNotice ? Math.round((d.shortNoticeMet / d.shortNotice) * 100) : null,
  }));
  return (
    <div className="review-body trends">
      <ChartFigure
        title="Requests and late ones"
        note={`by ${step}, as created`}
        columns={[step === 'week' ? 'Week' : 'Month', 'Requests', 'Late']}
        rows={points.map((p) => [p.label, p.count, p.breaches])}
      >
        <TrendChart data={points} x="label" y={{ allowDecimals: false }}>
          <Bar dataKey="count" name="Requests" fill="var(--chart-count)" isAnimationActive={false} />
          <Bar dataKey="breaches" name="Late" fill="var(--chart-late)" isAnimationActive={false} />
        </TrendChart>
      </ChartFigure>
      <ChartFigure
        title="Met within target"
        empty={
          points.every((p) => p.responseMet === null && p.resolutionMet === null) &&
          'Nothing was judged yet: no request of this period has met or missed a target.'
        }
        note={`aim ${percent(AIM)}; short notice apart`}
        columns={[step === 'week' ? 'Week' : 'Month', 'First response met', 'Resolution met']}
        rows={points.map((p) => [p.label, percent(p.responseMet), percent(p.resolutionMet)])}
      >
        <TrendChart data={points} x="label" y={{ domain: [0, 100], ticks: [0, 25, 50, 75, 100], unit: '%' }}>
          <ReferenceLine y={AIM * 100} stroke="var(--chart-target)" strokeDasharray="4 3" label={{ value: 'aim', position: 'insideTopRight', fontSize: 11 }} />
          <Line dataKey="response" name="First response" stroke="var(--chart-response)" connectNulls isAnimationActive={false} />
          <Line dataKey="resolution" name="Resolution" stroke="var(--chart-resolution)" connectNulls isAnimationActive={false} />
        </TrendChart>
      </ChartFigure>
      <ChartFigure
        title="Business hours to resolve"
        empty={points.every((p) => p.medianResolutionHours === null) && 'No request of this period is resolved yet.'}
        note="median and 90th percentile against the requests’ target"
        columns={[step === 'week' ? 'Week' : 'Month', 'Median', '90th percentile', 'Target']}
        rows={points.map((p) => [p.label, hoursFigure(p.medianResolutionHours), hoursFigure(p.p90ResolutionHours), hoursFigure(p.targetHours)])}
      >
        <TrendChart data={points} x="label" y={{ unit: ' h' }}>
          <Line dataKey="targetHours" name="Target" stroke="var(--chart-target)" strokeDasharray="4 3" dot={false} connectNulls isAnimationActive={false} />
          <Line dataKey="medianResolutionHours" name="Median" stroke="var(--chart-resolution)" connectNulls isAnimationActive={false} />
          <Line dataKey="p90ResolutionHours" name="90th percentile" stroke="var(--chart-p90)" connectNulls isAnimationActive={false} />
        </TrendChart>
      </ChartFigure>
      <ChartFigure
        title="At stake in late answers"
        empty={points.every((p) => p.atStake === 0) && 'Nothing at stake in late answers: no late request of this period has a type that declares a cost.'}
        note="what the breached requests’ types say a late one costs, short notice apart"
        columns={[step === 'week' ? 'Week' : 'Month', 'At stake', 'Late']}
        rows={points.map((p) => [p.label, amount(p.atStake), p.breaches])}
      >
        <TrendChart data={points} x="label" y={{ allowDecimals: false }}>
          <Bar dataKey="atStake" name="At stake" fill="var(--chart-late)" isAnimationActive={false} />
        </TrendChart>
      </ChartFigure>
      <ChartFigure
        title="Open now, by age"
        note="waiting on the requester apart"
        columns={['Age', 'Open', 'Waiting on the requester']}
        rows={trends.backlog.map((b) => [b.label, b.open, b.waitingOnRequester])}
      >
        <TrendChart data={trends.backlog} x="label" y={{ allowDecimals: false }}>
          <Bar dataKey="open" name="Open" stackId="age" fill="var(--chart-count)" isAnimationActive={false} />
          <Bar dataKey="waitingOnRequester" name="Waiting on the requester" stackId="age" fill="var(--chart-waiting)" isAnimationActive={false} />
        </TrendChart>
      </ChartFigure>
      <ChartFigure
        title="Short notice, by requesting department"
        empty={shortNotice.every((d) => d.shortNotice === 0) && 'No request of this period came at short notice.'}
        note="who plans late, and how often the provider met the date anyway"
        columns={['Requesting department', 'At short notice', 'Met anyway']}
        rows={shortNotice.map((d) => [d.department, `${d.share} % of ${d.count}`, d.metAnyway === null ? '—' : `${d.metAnyway} %`])}
      >
        <TrendChart data={shortNotice} x="department" y={{ domain: [0, 100], unit: '%' }}>
          <Bar dataKey="share" name="At short notice" fill="var(--chart-late)" isAnimationActive={false} />
          <Bar dataKey="metAnyway" name="Met anyway" fill="var(--chart-resolution)" isAnimationActive={false} />
        </TrendChart>
      </ChartFigure>
    </div>
  );
}
