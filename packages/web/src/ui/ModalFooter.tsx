import { Button, Flex } from 'antd';
import { t } from '@/i18n/t';

export interface ModalFooterProps {
  onOk: () => void;
  onCancel: () => void;
  loading?: boolean;
  okText?: string;
  okTestId: string;
  danger?: boolean;
}

/** Cancel + primary action for form dialogs, with a test id on the primary button. */
export function ModalFooter({ onOk, onCancel, loading, okText, okTestId, danger }: ModalFooterProps) {
  return (
    <Flex justify="flex-end" gap="small">
      <Button onClick={onCancel}>{t('common.cancel')}</Button>
      <Button type="primary" danger={danger} loading={loading} onClick={onOk} data-testid={okTestId}>
        {okText ?? t('common.save')}
      </Button>
    </Flex>
  );
}
