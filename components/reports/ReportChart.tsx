'use client';
// Recharts draws what the server already aggregated (a point per day, week or category).
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Chart } from '@/lib/reports/types';
import { formatAxis, formatValue } from './format';

const COLORS = ['#3b5bdb', '#0ca678', '#f08c00', '#e03131'];

export function ReportChart({ chart, timeZone }: { chart: Chart; timeZone: string }) {
  const type = chart.series[0]?.type ?? 'int';
  const tick = (v: number) => (type === 'money' ? `$${Intl.NumberFormat('en-US', { notation: 'compact' }).format(v)}` : Intl.NumberFormat('en-US', { notation: 'compact' }).format(v));
  const common = {
    data: chart.points,
    margin: { top: 8, right: 8, bottom: 0, left: 0 },
  };
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e5e7eb" />
      <XAxis dataKey="label" tickFormatter={formatAxis} tick={{ fontSize: 11 }} minTickGap={12} interval="preserveStartEnd" />
      <YAxis tickFormatter={tick} tick={{ fontSize: 11 }} width={48} allowDecimals={type !== 'int'} />
      <Tooltip
        labelFormatter={(l) => formatAxis(String(l))}
        formatter={(v, name) => [formatValue(chart.series.find((s) => s.label === name)?.type ?? type, Number(v), timeZone, undefined, chart.currency), name]}
      />
      {chart.series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
    </>
  );
  return (
    <div className="h-64 w-full min-w-0 rounded-lg border border-line bg-white p-3 shadow-sm" data-testid="report-chart">
      <ResponsiveContainer width="100%" height="100%">
        {chart.kind === 'line' ? (
          <LineChart {...common}>
            {axes}
            {chart.series.map((s, i) => (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={COLORS[i % COLORS.length]} strokeWidth={2} dot={false} isAnimationActive={false} />
            ))}
          </LineChart>
        ) : (
          <BarChart {...common}>
            {axes}
            {chart.series.map((s, i) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLORS[i % COLORS.length]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
