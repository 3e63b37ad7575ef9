import { BarChart } from '@mantine/charts';
import { Paper, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type BarShapeProps, Rectangle } from 'recharts';
import { stageColor } from '../lookups.ts';
import { formatAmount, toMajor } from '../money.ts';
import type { BoardColumn } from './use-board.ts';

/** Amount (roubles) per stage of the pipeline, bars in the stages' colours. */
export function StageChart(props: { columns: BoardColumn[]; compact?: boolean }) {
  const { t, i18n } = useTranslation('deals');
  const data = useMemo(
    () =>
      props.columns.map((c) => ({
        stage: c.name,
        amount: toMajor(c.amount_rub),
        color: stageColor(c.color),
      })),
    [props.columns],
  );
  const compact = useMemo(
    () => new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'ru-RU', { notation: 'compact' }),
    [i18n.language],
  );
  if (data.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="xs" role="figure" aria-label={t('board.chart')}>
      <Text size="xs" c="dimmed" mb={4}>
        {t('board.chart')}
      </Text>
      <BarChart
        h={props.compact ? 28 + data.length * 22 : 100}
        orientation={props.compact ? 'vertical' : 'horizontal'}
        data={data}
        dataKey="stage"
        series={[{ name: 'amount', label: t('board.chartAmount'), color: 'indigo.6' }]}
        valueFormatter={(v) => formatAmount(v * 100)}
        {...(props.compact
          ? {
              // Phones: stages down the side, so their names have room.
              yAxisProps: { width: 110, interval: 0, tick: { fontSize: 11 } },
              xAxisProps: { tickFormatter: (v: number) => compact.format(v) },
              gridAxis: 'x' as const,
            }
          : {
              yAxisProps: { tickFormatter: (v: number) => compact.format(v), width: 64 },
              xAxisProps: { interval: 0, tick: { fontSize: 11 } },
              gridAxis: 'y' as const,
            })}
        barProps={{
          shape: (bar: BarShapeProps) => <Rectangle {...bar} fill={data[bar.index]?.color ?? bar.fill} />,
        }}
      />
    </Paper>
  );
}
