import { Flex, Typography, theme } from 'antd';
import type { ReactNode } from 'react';

export interface PageContainerProps {
  title: string;
  description?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/** Page title, one line of explanation, actions on the right, then the content. */
export function PageContainer({ title, description, extra, children, testId }: PageContainerProps) {
  const { token } = theme.useToken();
  return (
    <Flex vertical gap="middle" data-testid={testId}>
      <Flex justify="space-between" align="flex-start" gap="middle" wrap>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {description ? (
            <Typography.Paragraph type="secondary" style={{ margin: 0, marginTop: token.marginXS }}>
              {description}
            </Typography.Paragraph>
          ) : null}
        </div>
        {extra ? <Flex gap="small">{extra}</Flex> : null}
      </Flex>
      {children}
    </Flex>
  );
}
