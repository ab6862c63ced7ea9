/**
 * The on-site form for a tablet (issue 4 §8): Annex A basic information, the 26 Annex B items with
 * the standard's option wording as large touch targets, live subtotals and grade, draft saving.
 * Scores are computed with the same core code the server uses; the server's result is final.
 */
import {
  ASSESSMENT_ITEMS,
  checkScoreInput,
  DIAGNOSIS_CATEGORIES,
  DIMENSIONS,
  dimensionScores,
  EDUCATION_LEVELS,
  GRADE_NAMES,
  gradeFullName,
  ICD10_RE,
  INFORMANT_RELATIONS,
  initialGradeOf,
  LIVING_WITH,
  MARITAL_STATUSES,
  RISK_EVENT_LABELS,
  RISK_EVENT_TYPES,
  scoreAssessment,
  type AssessmentDetail,
  type AssessmentForm,
  type CapabilityGrade,
  type RiskEventType,
} from '@yiyang/core';
import { Affix, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, InputNumber, Popconfirm, Radio, Row, Select, Space, Switch, Tag, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { t } from '@/i18n/t';
import { showError, showSuccess } from '@/ui/feedback';
import { useSaveDraft, useSubmit } from '../api';

const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

function emptyForm(): AssessmentForm {
  return { basic: {}, informant: {}, diagnoses: [], coma: false, risk_events_30d: { fall: 0, wandering: 0, choking: 0, self_harm: 0, other: 0 }, items: {} };
}

export function OnSiteForm({ assessment, canSubmit }: { assessment: AssessmentDetail; canSubmit: boolean }) {
  const { token } = theme.useToken();
  const [form, setForm] = useState<AssessmentForm>(() => assessment.form ?? emptyForm());
  const [date, setDate] = useState<string>(assessment.assessment_date ?? dayjs().format('YYYY-MM-DD'));
  const [dirty, setDirty] = useState(false);
  const [otherCodes, setOtherCodes] = useState(() => (assessment.form?.diagnoses ?? []).filter((c) => !DIAGNOSIS_CATEGORIES.some((d) => d.code === c)).join(', '));
  const save = useSaveDraft();
  const submit = useSubmit();

  // The local copy is the source of truth while the form is open (clicks made while a draft is being
  // saved must not be overwritten by the saved copy); the component is keyed by assessment id.

  const update = (f: (prev: AssessmentForm) => AssessmentForm) => {
    setForm((prev) => f(prev));
    setDirty(true);
  };

  const diagnoses = useMemo(() => {
    const picked = form.diagnoses.filter((c) => DIAGNOSIS_CATEGORIES.some((d) => d.code === c));
    const extra = otherCodes.split(/[,，\s]+/).map((s) => s.trim().toUpperCase()).filter(Boolean);
    return [...new Set([...picked, ...extra])];
  }, [form.diagnoses, otherCodes]);
  const badCodes = diagnoses.filter((c) => !ICD10_RE.test(c));
  const payload = (): AssessmentForm => ({ ...form, diagnoses });

  const partial = dimensionScores(form.items);
  const checked = checkScoreInput({ ...form, diagnoses: badCodes.length ? [] : diagnoses });
  const live = checked.ok ? scoreAssessment(checked.value) : null;

  const doSave = async () => {
    try {
      await save.mutateAsync({ id: assessment.id, form: payload(), assessment_date: date, version: assessment.version });
      setDirty(false);
      showSuccess(t('assessment.draftSaved'));
    } catch (e) {
      showError(e);
    }
  };
  const doSubmit = async () => {
    try {
      await submit.mutateAsync({ id: assessment.id, form: payload(), assessment_date: date, version: assessment.version });
      setDirty(false);
      showSuccess(t('assessment.submitted'));
    } catch (e) {
      showError(e);
    }
  };

  const optionStyle = { height: 'auto', minHeight: 48, padding: '10px 14px', whiteSpace: 'normal' as const, lineHeight: 1.5, textAlign: 'left' as const, width: '100%', fontSize: 16 };

  return (
    <Flex vertical gap="middle" data-testid="onsite-form">
      <Affix offsetTop={8}>
        <Card size="small" style={{ boxShadow: token.boxShadowSecondary }} styles={{ body: { padding: '8px 12px' } }} data-testid="live-score">
          <Flex wrap gap="small" align="center" justify="space-between">
            <Flex wrap gap="middle" align="baseline">
              {DIMENSIONS.map((d) => (
                <span key={d.code} title={d.name}>
                  <Typography.Text type="secondary">{d.name}</Typography.Text> <strong>{partial.dimensions[d.code]}</strong>/{d.max}
                </span>
              ))}
              <span>
                <Typography.Text type="secondary">{t('assessment.total')}</Typography.Text> <strong style={{ fontSize: 18 }}>{partial.total}</strong>/90
              </span>
              <span data-testid="live-grade" style={{ fontSize: 16, fontWeight: 600 }}>
                {live ? gradeFullName(live.grade) : `${t('assessment.incomplete')}（${t('assessment.answered', { n: partial.answered })}）`}
              </span>
              {live && live.grade !== live.initial_grade ? (
                <Typography.Text type="secondary">
                  {t('assessment.initialGrade')}：{GRADE_NAMES[initialGradeOf(live.total) as CapabilityGrade]}
                </Typography.Text>
              ) : null}
            </Flex>
            <Space wrap>
              {dirty ? <Tag color="orange">{t('assessment.unsaved')}</Tag> : null}
              <Button size="large" onClick={doSave} loading={save.isPending} data-testid="save-draft">
                {t('assessment.saveDraft')}
              </Button>
              {canSubmit ? (
                <Popconfirm title={t('assessment.submitConfirm')} onConfirm={doSubmit} okButtonProps={{ 'data-testid': 'submit-confirm' }}>
                  <Button size="large" type="primary" disabled={!live || badCodes.length > 0} loading={submit.isPending} data-testid="submit-form">
                    {t('assessment.submit')}
                  </Button>
                </Popconfirm>
              ) : null}
            </Space>
          </Flex>
        </Card>
      </Affix>

      <Card title={t('assessment.annexA')} size="small">
        <Form layout="vertical" size="large">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label={t('assessment.assessmentDate')}>
                <DatePicker value={dayjs(date)} onChange={(d) => { if (d) { setDate(d.format('YYYY-MM-DD')); setDirty(true); } }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label={t('assessment.height')}>
                <InputNumber min={50} max={250} value={form.basic.height_cm ?? null} onChange={(v) => update((f) => ({ ...f, basic: { ...f.basic, height_cm: v } }))} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label={t('assessment.weight')}>
                <InputNumber min={10} max={300} value={form.basic.weight_kg ?? null} onChange={(v) => update((f) => ({ ...f, basic: { ...f.basic, weight_kg: v } }))} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label={t('assessment.education')}>
                <Select allowClear options={opts(EDUCATION_LEVELS)} value={form.basic.education ?? undefined} onChange={(v) => update((f) => ({ ...f, basic: { ...f.basic, education: v ?? null } }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label={t('assessment.maritalStatus')}>
                <Select allowClear options={opts(MARITAL_STATUSES)} value={form.basic.marital_status ?? undefined} onChange={(v) => update((f) => ({ ...f, basic: { ...f.basic, marital_status: v ?? null } }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('assessment.livingWith')}>
                <Select mode="multiple" allowClear options={opts(LIVING_WITH)} value={form.basic.living_with ?? []} onChange={(v) => update((f) => ({ ...f, basic: { ...f.basic, living_with: v } }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label={t('assessment.informantName')}>
                <Input maxLength={50} value={form.informant.name ?? ''} onChange={(e) => update((f) => ({ ...f, informant: { ...f.informant, name: e.target.value } }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item label={t('assessment.informantRelation')}>
                <Select allowClear options={opts(INFORMANT_RELATIONS)} value={form.informant.relation ?? undefined} onChange={(v) => update((f) => ({ ...f, informant: { ...f.informant, relation: v ?? null } }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('assessment.diagnoses')}>
            <Checkbox.Group
              value={form.diagnoses}
              onChange={(v) => update((f) => ({ ...f, diagnoses: v as string[] }))}
              style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 8 }}
              options={DIAGNOSIS_CATEGORIES.map((d) => ({ value: d.code, label: `${d.label}（${d.icd10}）` }))}
              data-testid="diagnoses"
            />
          </Form.Item>
          <Form.Item label={t('assessment.otherDiagnoses')} validateStatus={badCodes.length ? 'error' : undefined} help={badCodes.length ? `不是有效的ICD-10编码：${badCodes.join('、')}` : undefined}>
            <Input value={otherCodes} onChange={(e) => { setOtherCodes(e.target.value); setDirty(true); }} placeholder="例如 G30, I63.9" />
          </Form.Item>
          <Form.Item label={t('assessment.medications')}>
            <Input.TextArea rows={2} maxLength={1000} value={form.medications ?? ''} onChange={(e) => update((f) => ({ ...f, medications: e.target.value }))} />
          </Form.Item>
          <Form.Item label={t('assessment.coma')}>
            <Switch checked={form.coma} onChange={(v) => update((f) => ({ ...f, coma: v }))} data-testid="coma" />
          </Form.Item>
          <Form.Item label={t('assessment.riskEvents')}>
            <Flex wrap gap="middle">
              {RISK_EVENT_TYPES.map((k: RiskEventType) => (
                <Space key={k}>
                  <span>{RISK_EVENT_LABELS[k]}</span>
                  <InputNumber min={0} max={99} precision={0} value={form.risk_events_30d[k]} onChange={(v) => update((f) => ({ ...f, risk_events_30d: { ...f.risk_events_30d, [k]: v ?? 0 } }))} data-testid={`risk-${k}`} style={{ width: 90 }} />
                </Space>
              ))}
            </Flex>
          </Form.Item>
        </Form>
      </Card>

      {DIMENSIONS.map((d) => (
        <Card key={d.code} size="small" title={`${d.code} ${d.name}（${t('assessment.subtotal')} ${partial.dimensions[d.code]} / ${d.max}）`} data-testid={`dimension-${d.code}`}>
          <Flex vertical gap="large">
            {ASSESSMENT_ITEMS.filter((i) => i.dimension === d.code).map((it) => (
              <div key={it.code} data-testid={`item-${it.code}`}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {it.code} {it.name}
                  {form.items[it.code] === undefined ? <Tag style={{ marginLeft: 8 }}>{t('assessment.incomplete')}</Tag> : null}
                </Typography.Title>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {it.definition}
                </Typography.Paragraph>
                <Radio.Group
                  value={form.items[it.code]}
                  onChange={(e) => update((f) => ({ ...f, items: { ...f.items, [it.code]: e.target.value as number } }))}
                  optionType="button"
                  buttonStyle="solid"
                  style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                >
                  {it.options.map((o) => (
                    <Radio.Button key={o.points} value={o.points} style={optionStyle} data-testid={`item-${it.code}-${o.points}`}>
                      <strong>{o.points}分</strong>　{o.label}
                    </Radio.Button>
                  ))}
                </Radio.Group>
              </div>
            ))}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
