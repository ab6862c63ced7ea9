/** Shows a generated initial password exactly once, with a copy button. */
import { KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Typography, theme } from 'antd';
import { t } from '@/i18n/t';

export interface InitialPasswordModalProps {
  /** null: closed. */
  shown: { displayName: string; username: string; password: string } | null;
  onClose: () => void;
}

export function InitialPasswordModal({ shown, onClose }: InitialPasswordModalProps) {
  const { token } = theme.useToken();
  return (
    <Modal
      open={!!shown}
      title={
        <span>
          <KeyOutlined /> {t('users.initialPasswordTitle')}
        </span>
      }
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="initial-password-done">
          {t('users.initialPasswordDone')}
        </Button>
      }
      destroyOnHidden
    >
      {shown ? (
        <Flex vertical gap="middle" data-testid="initial-password-modal">
          <Alert
            type="warning"
            showIcon
            title={t('users.initialPasswordText', { name: shown.displayName, username: shown.username })}
          />
          <Typography.Text
            code
            copyable={{ text: shown.password, tooltips: [t('common.copy'), t('common.copied')] }}
            data-testid="initial-password-value"
            style={{ fontSize: token.fontSizeHeading3, fontFamily: token.fontFamilyCode, textAlign: 'center' }}
          >
            {shown.password}
          </Typography.Text>
        </Flex>
      ) : null}
    </Modal>
  );
}
