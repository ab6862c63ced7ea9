/** 到期复评: who falls due for the free re-assessment (002 二(一)3), with overdue rows first. */
import type { DueItem } from '@yiyang/core';
import { InputNumber, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useDue } from '@/features/assessment/api';
import { GradeTag } from '@/features/assessment/components/tags';
import { RegionListPage, useRegionListState } from '@/features/regions/components/RegionListPage';
import { t } from '@/i18n/t';

export function AssessmentDuePage() {
  const list = useRegionListState();
  const [within, setWithin] = useState(30);
  const due = useDue({ region: list.region, within_days: within, page: list.page, page_size: list.pageSize });
  return (
    <RegionListPage
      title={t('assessment.dueTitle')}
      description={t('assessment.dueDescription')}
      testId="assessment-due-page"
      state={list}
      searchPlaceholder={t('assessment.searchPlaceholder')}
      searchTestId="due-search"
      filters={
        <Space>
          {t('assessment.withinDays')}
          <InputNumber min={0} max={366} value={within} onChange={list.resetting((v: number | null) => setWithin(v ?? 30))} />
        </Space>
      }
    >
      <Table<DueItem>
        rowKey="person_id"
        size="middle"
        dataSource={due.data?.items ?? []}
        loading={due.isFetching}
        pagination={{ current: list.page, pageSize: list.pageSize, total: due.data?.total ?? 0, onChange: list.onPageChange, showTotal: (n) => t('common.total', { total: n }) }}
        columns={[
          { title: t('assessment.person'), dataIndex: 'person_name', render: (v: string, r) => <Link to={`/assessment?person=${r.person_id}`}>{v}</Link> },
          { title: t('assessment.age'), dataIndex: 'age' },
          { title: t('assessment.lastGrade'), dataIndex: 'last_grade', render: (v: number) => <GradeTag grade={v} /> },
          { title: t('assessment.lastDate'), dataIndex: 'last_assessment_date' },
          { title: t('assessment.nextDue'), dataIndex: 'next_due_date' },
          { title: t('assessment.daysLeft'), dataIndex: 'days_left', render: (v: number) => (v < 0 ? <Tag color="red">{t('assessment.overdue', { n: -v })}</Tag> : v) },
          { title: t('assessment.reminded'), dataIndex: 'reminded_at', render: (v: string | null) => (v ? <Tag color="blue">{t('assessment.reminded')}</Tag> : null) },
          {
            title: t('common.actions'),
            key: 'open',
            render: (_: unknown, r) => (r.open_assessment_id ? <Link to={`/assessment?id=${r.open_assessment_id}`}>{t('assessment.openAssessment')}</Link> : <Link to={`/assessment?person=${r.person_id}`}>{t('assessment.requestRoutine')}</Link>),
          },
        ]}
      />
    </RegionListPage>
  );
}
