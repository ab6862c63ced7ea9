/**
 * Recording a visit on a phone, with one hand: full-screen sheet, one-tap choices (≥ 48 px), the
 * two actions — 未联系上 and 提交探访 — fixed at the bottom where the thumb is.
 */
import { CameraOutlined, PhoneOutlined } from '@ant-design/icons';
import type { VisitDueItem } from '@yiyang/core';
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Flex, Input, Typography, theme } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { t } from '@/i18n/t';
import { errorText, showSuccess } from '@/ui/feedback';
import { LAYOUT } from '@/ui/theme';
import { useRecordVisit, useRevealContacts, useUploadPhoto } from '../api';
import { ChoiceButtons } from './ChoiceButtons';

type Mode = 'onsite' | 'phone' | 'video';
type Condition = 'good' | 'concern' | 'danger';
type Support = 'fulfilled' | 'partial' | 'not_fulfilled' | 'no_supporter';
type Risk = 'low' | 'medium' | 'high';
type Kind = 'service' | 'assessment' | 'subsidy';
const CONDITION_ITEMS = ['health', 'home_safety', 'living_conditions', 'mood'] as const;
type ConditionItem = (typeof CONDITION_ITEMS)[number];

export interface VisitFormProps {
  person: VisitDueItem | null;
  onClose: () => void;
}

export function VisitForm({ person, onClose }: VisitFormProps) {
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const record = useRecordVisit();
  const upload = useUploadPhoto();
  const contacts = useRevealContacts();
  const [mode, setMode] = useState<Mode>('onsite');
  const [at, setAt] = useState<Dayjs | null>(null);
  const [conditions, setConditions] = useState<Partial<Record<ConditionItem, Condition>>>({});
  const [support, setSupport] = useState<Support | undefined>();
  const [risk, setRisk] = useState<Risk | undefined>();
  const [note, setNote] = useState('');
  const [needs, setNeeds] = useState('');
  const [kinds, setKinds] = useState<Kind[]>([]);
  const [photos, setPhotos] = useState<File[]>([]);

  function reset() {
    setMode('onsite');
    setAt(null);
    setConditions({});
    setSupport(undefined);
    setRisk(undefined);
    setNote('');
    setNeeds('');
    setKinds([]);
    setPhotos([]);
  }

  function close() {
    reset();
    contacts.reset();
    onClose();
  }

  async function submit(reached: boolean) {
    if (!person) return;
    const when = (at ?? dayjs()).format();
    const findings = reached
      ? { ...conditions, ...(support ? { family_support: support } : {}), ...(note ? { note } : {}) }
      : note ? { note } : {};
    try {
      const visit = await record.mutateAsync({
        person_id: person.person_id,
        mode,
        visited_at: when,
        outcome: reached ? 'visited' : 'not_reached',
        findings,
        ...(reached && risk ? { risk_level: risk } : {}),
        ...(reached && needs ? { needs } : {}),
        referrals: reached ? kinds.map((k) => ({ kind: k, need: needs || t(`visits.referralKinds.${k}`) })) : [],
      });
      for (const file of reached ? photos : []) {
        try {
          await upload.mutateAsync({ visitId: visit.id, file });
        } catch (e) {
          message.warning(t('visits.form.photoFailed', { reason: errorText(e) }));
        }
      }
      showSuccess(reached ? t('visits.form.saved') : t('visits.form.savedFailed'));
      close();
    } catch {
      // The global error handler has shown the server's message.
    }
  }

  const danger = Object.values(conditions).includes('danger');
  const conditionOptions = (['good', 'concern', 'danger'] as const).map((v) => ({ value: v, label: t(`visits.conditions.${v}`) }));
  const section = (label: string, child: React.ReactNode) => (
    <Flex vertical gap="small">
      <Typography.Text strong>{label}</Typography.Text>
      {child}
    </Flex>
  );

  return (
    <Drawer
      open={!!person}
      onClose={close}
      placement="bottom"
      height="100%"
      title={person ? t('visits.form.title', { name: person.name ?? '' }) : ''}
      data-testid="visit-form"
      destroyOnHidden
      styles={{ body: { paddingBottom: LAYOUT.bottomBarHeight + token.padding } }}
      footer={
        <Flex gap="middle" data-testid="visit-form-actions">
          <Button size="large" block danger style={{ height: LAYOUT.touchTarget }} loading={record.isPending} onClick={() => void submit(false)} data-testid="visit-not-reached">
            {t('visits.form.notReached')}
          </Button>
          <Button size="large" block type="primary" style={{ height: LAYOUT.touchTarget }} loading={record.isPending} onClick={() => void submit(true)} data-testid="visit-submit">
            {t('visits.form.submit')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap="large" style={{ maxWidth: LAYOUT.phoneMaxWidth, margin: '0 auto' }}>
        {contacts.data ? (
          <Flex vertical gap="small" data-testid="visit-contacts">
            {contacts.data.contacts.length === 0 ? <Typography.Text type="secondary">{t('visits.form.noContacts')}</Typography.Text> : null}
            {contacts.data.contacts.map((c) => (
              <Button key={`${c.name}${c.relation}`} href={c.phone ? `tel:${c.phone}` : undefined} disabled={!c.phone} icon={<PhoneOutlined />} size="large" block style={{ height: LAYOUT.touchTarget }}>
                {c.name}（{c.relation}）{c.phone ?? ''}
              </Button>
            ))}
          </Flex>
        ) : (
          <Button icon={<PhoneOutlined />} size="large" block style={{ height: LAYOUT.touchTarget }} loading={contacts.isPending} onClick={() => person && contacts.mutate(person.person_id)} data-testid="visit-show-contacts">
            {t('visits.form.contacts')}
          </Button>
        )}
        {section(
          t('visits.form.mode'),
          <ChoiceButtons<Mode> value={mode} onChange={setMode} testId="visit-mode" ariaLabel={t('visits.form.mode')} options={(['onsite', 'phone', 'video'] as const).map((v) => ({ value: v, label: t(`visits.modes.${v}`) }))} />,
        )}
        {section(
          t('visits.form.time'),
          <DatePicker showTime inputReadOnly value={at} onChange={setAt} placeholder={t('visits.form.now')} disabledDate={(d) => d.isAfter(dayjs(), 'day')} size="large" style={{ width: '100%' }} data-testid="visit-time" />,
        )}
        {CONDITION_ITEMS.map((item) =>
          <div key={item}>
            {section(
              t(`visits.form.${item}`),
              <ChoiceButtons<Condition> value={conditions[item]} onChange={(v) => setConditions((c) => ({ ...c, [item]: v }))} testId={`visit-${item}`} ariaLabel={t(`visits.form.${item}`)} options={conditionOptions} />,
            )}
          </div>,
        )}
        {danger ? <Alert type="error" showIcon message={t('visits.form.dangerWarning')} data-testid="visit-danger-warning" /> : null}
        {section(
          t('visits.form.family_support'),
          <ChoiceButtons<Support> value={support} onChange={setSupport} testId="visit-family_support" ariaLabel={t('visits.form.family_support')} options={(['fulfilled', 'partial', 'not_fulfilled', 'no_supporter'] as const).map((v) => ({ value: v, label: t(`visits.familySupport.${v}`) }))} />,
        )}
        {section(
          t('visits.form.risk'),
          <ChoiceButtons<Risk> value={risk} onChange={setRisk} testId="visit-risk" ariaLabel={t('visits.form.risk')} options={(['low', 'medium', 'high'] as const).map((v) => ({ value: v, label: t(`visits.risk.${v}`) }))} />,
        )}
        {section(t('visits.form.note'), <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('visits.form.notePlaceholder')} autoSize={{ minRows: 2 }} maxLength={2000} data-testid="visit-note" />)}
        {section(t('visits.form.needs'), <Input.TextArea value={needs} onChange={(e) => setNeeds(e.target.value)} placeholder={t('visits.form.needsPlaceholder')} autoSize={{ minRows: 2 }} maxLength={1000} data-testid="visit-needs" />)}
        {section(
          t('visits.form.referrals'),
          <Checkbox.Group value={kinds} onChange={(v) => setKinds(v as Kind[])} data-testid="visit-referrals">
            <Flex gap="middle" wrap>
              {(['service', 'assessment', 'subsidy'] as const).map((k) => (
                <Checkbox key={k} value={k} style={{ minHeight: LAYOUT.touchTargetMin, alignItems: 'center' }} data-testid={`visit-referral-${k}`}>
                  {t(`visits.referralKinds.${k}`)}
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>,
        )}
        {section(
          t('visits.form.photo'),
          <Flex vertical gap="small">
            <label style={{ display: 'block' }}>
              <Button icon={<CameraOutlined />} size="large" block style={{ height: LAYOUT.touchTarget, pointerEvents: 'none' }}>
                {photos.length ? `${t('visits.form.photo')}（${photos.length}）` : t('visits.form.photo')}
              </Button>
              <input
                type="file"
                accept="image/jpeg,image/png,image/webp"
                capture="environment"
                multiple
                hidden
                data-testid="visit-photo-input"
                onChange={(e) => setPhotos(Array.from(e.target.files ?? []).slice(0, 6))}
              />
            </label>
            <Typography.Text type="secondary">{t('visits.form.photoHint')}</Typography.Text>
          </Flex>,
        )}
      </Flex>
    </Drawer>
  );
}
