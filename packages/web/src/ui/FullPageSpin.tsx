import { Flex, Spin } from 'antd';
import { t } from '@/i18n/t';

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" tip={t('app.loading')}>
        <span />
      </Spin>
    </Flex>
  );
}
