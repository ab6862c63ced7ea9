/** 评估统计: grade distribution by region and age band; done vs due by month (issue 4 §7). */
import { GRADE_NAMES, type CapabilityGrade } from '@yiyang/core';
import { Card, Col, InputNumber, Row, Space, Statistic } from 'antd';
import { useMemo, useState } from 'react';
import { useStatistics } from '@/features/assessment/api';
import { EChart } from '@/features/assessment/components/EChart';
import { RegionTreePicker } from '@/features/regions/components/RegionTreePicker';
import { t } from '@/i18n/t';
import { PageContainer } from '@/ui/PageContainer';
import { SidePanelLayout } from '@/ui/SidePanelLayout';

const GRADES = [0, 1, 2, 3, 4] as const;
const COLORS = ['#3ba272', '#73c0de', '#fac858', '#fc8452', '#ee6666'];

function stacked(categories: string[], rows: Array<{ counts: number[] }>) {
  return {
    color: COLORS,
    tooltip: { trigger: 'axis' },
    // Five grade names wrap to two legend rows in a half-width card: keep the plot below them.
    legend: { top: 0, itemWidth: 14, itemHeight: 10 },
    grid: { left: 40, right: 16, top: 64, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 6 ? 45 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: GRADES.map((g) => ({ name: GRADE_NAMES[g as CapabilityGrade], type: 'bar', stack: 'grade', data: rows.map((r) => r.counts[g] ?? 0) })),
  };
}

export function AssessmentStatsPage() {
  const [region, setRegion] = useState<string | undefined>();
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const q = useStatistics({ region, year });
  const s = q.data;
  const options = useMemo(() => {
    if (!s) return null;
    return {
      pie: {
        color: COLORS,
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [{ type: 'pie', radius: ['35%', '62%'], center: ['50%', '42%'], label: { formatter: '{c}' }, data: GRADES.map((g) => ({ name: GRADE_NAMES[g as CapabilityGrade], value: s.grade_counts[g] })) }],
      },
      region: stacked(s.by_region.map((r) => r.region_name), s.by_region),
      age: stacked(s.by_age_band.map((b) => b.label), s.by_age_band),
      due: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 16, top: 40, bottom: 32 },
        xAxis: { type: 'category', data: s.months.map((m) => m.month.slice(5) + '月') },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: t('assessment.dueCount'), type: 'bar', data: s.months.map((m) => m.due) },
          { name: t('assessment.doneCount'), type: 'bar', data: s.months.map((m) => m.done) },
          { name: t('assessment.publishedCount'), type: 'line', data: s.months.map((m) => m.published) },
        ],
      },
    };
  }, [s]);
  return (
    <PageContainer title={t('assessment.statsTitle')} description={t('assessment.statsDescription')} testId="assessment-stats-page" extra={<Space>{t('assessment.year')}<InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} /></Space>}>
      <SidePanelLayout sideTitle={t('regions.title')} side={<RegionTreePicker value={region} onChange={setRegion} />}>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}><Card size="small" loading={q.isLoading}><Statistic title={t('assessment.assessedPersons')} value={s?.total_assessed ?? 0} /></Card></Col>
          <Col xs={12} md={6}><Card size="small" loading={q.isLoading}><Statistic title={t('assessment.dueCount')} value={s?.totals.due ?? 0} suffix={`/ ${t('assessment.doneCount')} ${s?.totals.done ?? 0}`} /></Card></Col>
          <Col xs={12} md={6}><Card size="small" loading={q.isLoading}><Statistic title={t('assessment.overdueCount')} value={s?.totals.overdue ?? 0} /></Card></Col>
          <Col xs={12} md={6}><Card size="small" loading={q.isLoading}><Statistic title={t('assessment.openCount')} value={s?.totals.open ?? 0} /></Card></Col>
          {options ? (
            <>
              <Col xs={24} lg={10}><Card size="small" title={t('assessment.gradeDistribution')}><EChart option={options.pie} testId="chart-grades" /></Card></Col>
              <Col xs={24} lg={14}><Card size="small" title={`${t('assessment.gradeDistribution')} · ${t('assessment.byRegion')}`}><EChart option={options.region} testId="chart-regions" /></Card></Col>
              <Col xs={24} lg={12}><Card size="small" title={`${t('assessment.gradeDistribution')} · ${t('assessment.byAgeBand')}`}><EChart option={options.age} testId="chart-ages" /></Card></Col>
              <Col xs={24} lg={12}><Card size="small" title={t('assessment.doneVsDue')}><EChart option={options.due} testId="chart-due" /></Card></Col>
            </>
          ) : null}
        </Row>
      </SidePanelLayout>
    </PageContainer>
  );
}
