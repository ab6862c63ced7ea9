import { Typography, theme } from 'antd';
import { LAYOUT } from './theme';

export interface JsonBlockProps {
  value: unknown;
  testId?: string;
}

/** Pretty-printed JSON (audit before/after), scrollable when long. */
export function JsonBlock({ value, testId }: JsonBlockProps) {
  const { token } = theme.useToken();
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <pre
      data-testid={testId}
      style={{
        margin: 0,
        padding: token.paddingSM,
        background: token.colorFillAlter,
        border: `${token.lineWidth}px ${token.lineType} ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
        fontFamily: token.fontFamilyCode,
        fontSize: token.fontSizeSM,
        maxHeight: LAYOUT.jsonMaxHeight,
        overflow: 'auto',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
      }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
