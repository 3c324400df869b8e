import { format } from 'date-fns';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { ApiOutputs } from '../../../../shared/contract/api.js';
import type { TrendStep } from '../../../../shared/reviews/trends.js';
import { ChartFigure } from './ChartFigure.js';
import { AIM, hoursFigure, percent } from './figureText.js';

/** Charts are drawn in SVG (crisp on screen and in print); colours are the theme's (CSS variables, which SVG attributes take). */
const HEIGHT = 190;
const axis = { tick: { fontSize: 11, fill: 'var(--muted)' }, tickLine: false, axisLine: false } as const;
const asPercent = (v: number | null) => (v === null ? null : Math.round(v * 100));

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
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <ComposedChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" {...axis} />
            <YAxis allowDecimals={false} {...axis} />
            <Bar dataKey="count" name="Requests" fill="var(--chart-count)" isAnimationActive={false} />
            <Bar dataKey="breaches" name="Late" fill="var(--chart-late)" isAnimationActive={false} />
            <Legend iconSize={10} wrapperStyle={{ fontSize: 12 }} />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFigure>
      <ChartFigure
        title="Met within target"
        note={`aim ${percent(AIM)}; short notice apart`}
        columns={[step === 'week' ? 'Week' : 'Month', 'First response met', 'Resolution met']}
        rows={points.map((p) => [p.label, percent(p.responseMet), percent(p.resolutionMet)])}
      >
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <ComposedChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" {...axis} />
            <YAxis domain={[0, 100]} unit="%" {...axis} />
            <ReferenceLine
              y={AIM * 100}
              stroke="var(--chart-target)"
              strokeDasharray="4 3"
              label={{ value: 'aim', position: 'insideTopRight', fontSize: 11 }}
            />
            <Line dataKey="response" name="First response" stroke="var(--chart-response)" connectNulls isAnimationActive={false} />
            <Line dataKey="resolution" name="Resolution" stroke="var(--chart-resolution)" connectNulls isAnimationActive={false} />
            <Legend iconSize={10} wrapperStyle={{ fontSize: 12 }} />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFigure>
      <ChartFigure
        title="Business hours to resolve"
        note="median and 90th percentile against the requests’ target"
        columns={[step === 'week' ? 'Week' : 'Month', 'Median', '90th percentile', 'Target']}
        rows={points.map((p) => [p.label, hoursFigure(p.medianResolutionHours), hoursFigure(p.p90ResolutionHours), hoursFigure(p.targetHours)])}
      >
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <ComposedChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" {...axis} />
            <YAxis unit=" h" {...axis} />
            <Line dataKey="targetHours" name="Target" stroke="var(--chart-target)" strokeDasharray="4 3" dot={false} connectNulls isAnimationActive={false} />
            <Line dataKey="medianResolutionHours" name="Median" stroke="var(--chart-resolution)" connectNulls isAnimationActive={false} />
            <Line dataKey="p90ResolutionHours" name="90th percentile" stroke="var(--chart-p90)" connectNulls isAnimationActive={false} />
            <Legend iconSize={10} wrapperStyle={{ fontSize: 12 }} />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFigure>
      <ChartFigure
        title="Open now, by age"
        note="waiting on the requester apart"
        columns={['Age', 'Open', 'Waiting on the requester']}
        rows={trends.backlog.map((b) => [b.label, b.open, b.waitingOnRequester])}
      >
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <ComposedChart accessibilityLayer={false} data={trends.backlog} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" {...axis} />
            <YAxis allowDecimals={false} {...axis} />
            <Bar dataKey="open" name="Open" stackId="age" fill="var(--chart-count)" isAnimationActive={false} />
            <Bar dataKey="waitingOnRequester" name="Waiting on the requester" stackId="age" fill="var(--chart-waiting)" isAnimationActive={false} />
            <Legend iconSize={10} wrapperStyle={{ fontSize: 12 }} />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFigure>
      <ChartFigure
        title="Short notice, by requesting department"
        note="who plans late, and how often the provider met the date anyway"
        columns={['Requesting department', 'At short notice', 'Met anyway']}
        rows={shortNotice.map((d) => [d.department, `${d.share} % of ${d.count}`, d.metAnyway === null ? '—' : `${d.metAnyway} %`])}
      >
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <ComposedChart accessibilityLayer={false} data={shortNotice} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="department" {...axis} />
            <YAxis domain={[0, 100]} unit="%" {...axis} />
            <Bar dataKey="share" name="At short notice" fill="var(--chart-late)" isAnimationActive={false} />
            <Bar dataKey="metAnyway" name="Met anyway" fill="var(--chart-resolution)" isAnimationActive={false} />
            <Legend iconSize={10} wrapperStyle={{ fontSize: 12 }} />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFigure>
    </div>
  );
}
