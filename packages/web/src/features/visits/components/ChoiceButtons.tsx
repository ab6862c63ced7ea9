/** Large one-tap choice buttons for phone pages (each at least 48 px high, the row full width). */
import { Radio } from 'antd';
import { LAYOUT } from '@/ui/theme';

export interface ChoiceButtonsProps<T extends string> {
  value: T | undefined;
  onChange: (value: T) => void;
  options: ReadonlyArray<{ value: T; label: string }>;
  testId: string;
  ariaLabel: string;
}

export function ChoiceButtons<T extends string>({ value, onChange, options, testId, ariaLabel }: ChoiceButtonsProps<T>) {
  // More than three choices do not fit a phone's width in one row: two per row.
  const basis = options.length > 3 ? '50%' : undefined;
  return (
    <Radio.Group
      value={value}
      onChange={(e) => onChange(e.target.value as T)}
      optionType="button"
      buttonStyle="solid"
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ display: 'flex', flexWrap: basis ? 'wrap' : 'nowrap', width: '100%' }}
    >
      {options.map((o) => (
        <Radio.Button
          key={o.value}
          value={o.value}
          style={{ flex: basis ? `0 0 ${basis}` : 1, textAlign: 'center', height: LAYOUT.touchTarget, lineHeight: `${LAYOUT.touchTarget - 2}px` }}
        >
          <span data-testid={`${testId}-${o.value}`}>{o.label}</span>
        </Radio.Button>
      ))}
    </Radio.Group>
  );
}
