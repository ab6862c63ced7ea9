/**
 * The person's published capability grade, as the registry holds it (the assessment module is its
 * only writer). Export for the registry's person page: `<PersonCapabilityCard personId={id} />`.
 */
import { Card, Descriptions, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { t } from '@/i18n/t';
import { usePerson } from '../api';
import { GradeTag } from './tags';

export function PersonCapabilityCard({ personId }: { personId: string }) {
  const person = usePerson(personId);
  const p = person.data;
  const fact = p?.facts.capability_grade;
  return (
    <Card size="small" title={t('assessment.personGrade')} loading={person.isLoading} data-testid="person-capability">
      {p ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('assessment.person')}>{p.name}</Descriptions.Item>
          <Descriptions.Item label={t('assessment.grade')}>
            {p.capability_grade === null ? (
              <Typography.Text type="secondary" data-testid="person-grade-none">{t('assessment.personGradeNone')}</Typography.Text>
            ) : (
              <span data-testid="person-grade">
                <GradeTag grade={p.capability_grade} testId="person-grade-tag" />
                {fact ? <Typography.Text type="secondary">{t('assessment.personGradeSince', { date: fact.valid_from, source: fact.source_department ?? '' })}</Typography.Text> : null}
              </span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('assessment.personHistory')}>
            <Link to={`/assessment?person=${personId}`}>{t('assessment.view')}</Link>
          </Descriptions.Item>
        </Descriptions>
      ) : null}
    </Card>
  );
}
