/** Choose one organisation in the user's scope by typing part of its name. */
import { Select, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { t } from '@/i18n/t';
import { useOrg, useOrgs } from '../api';

export interface OrgSelectProps {
  value?: string | null | undefined;
  onChange?: (id: string | undefined) => void;
  /** Name to show for the current value before a search has loaded it. */
  fallbackLabel?: string | undefined;
  placeholder?: string;
  allowClear?: boolean;
  testId?: string;
}

export function OrgSelect({ value, onChange, fallbackLabel, placeholder, allowClear, testId = 'org-select' }: OrgSelectProps) {
  const [term, setTerm] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(term.trim()), 300);
    return () => clearTimeout(h);
  }, [term]);
  const orgs = useOrgs({ q: q || undefined, page: 1, page_size: 50 });
  const listed = !!value && (orgs.data?.items ?? []).some((o) => o.id === value);
  // The current value may not be among the search results: fetch its name once.
  const current = useOrg(value && !listed && !fallbackLabel ? value : undefined);
  const options = useMemo(() => {
    const list = (orgs.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.region_name}）` }));
    if (value && !list.some((o) => o.value === value)) {
      const label = fallbackLabel ?? (current.data ? `${current.data.name}（${current.data.region_name}）` : undefined);
      if (label) list.unshift({ value, label });
    }
    return list;
  }, [orgs.data, value, fallbackLabel, current.data]);
  return (
    <Select<string>
      data-testid={testId}
      showSearch={{ filterOption: false, onSearch: setTerm }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v)}
      options={options}
      allowClear={allowClear}
      placeholder={placeholder ?? t('users.orgPlaceholder')}
      notFoundContent={orgs.isFetching ? <Spin size="small" /> : undefined}
      loading={orgs.isFetching}
    />
  );
}
