import { Card, Flex } from 'antd';
import type { ReactNode } from 'react';
import { LAYOUT } from './theme';

export interface SidePanelLayoutProps {
  side: ReactNode;
  sideTitle: string;
  children: ReactNode;
}

/** A filter panel on the left (e.g. the region tree) and the main content on the right. */
export function SidePanelLayout({ side, sideTitle, children }: SidePanelLayoutProps) {
  return (
    <Flex gap="middle" align="flex-start">
      <Card title={sideTitle} size="small" style={{ width: LAYOUT.regionPanelWidth, flex: 'none' }}>
        {side}
      </Card>
      <Card style={{ flex: 1, minWidth: 0 }}>{children}</Card>
    </Flex>
  );
}
