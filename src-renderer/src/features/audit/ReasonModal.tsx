import { Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_REASON_NOTE,
  REASON_CODES,
  accessReasonSchema,
  type AccessFormat,
  type AccessObject,
  type AccessReason,
  type ReasonCode,
} from '@shared/audit';

export interface ReasonRequest {
  /** print or export */
  action: 'export' | 'print';
  object: AccessObject;
  format: AccessFormat | null;
  /** Data subjects the file or print holds (when known before it is made). */
  count: number | null;
}

/**
 * (Rendered with a new key per question, so every question starts blank.)
 * Asks why personal data leaves the screen (issue 14: the reason is checked whenever personal
 * data is downloaded or printed), every time. Cancel = nothing is exported or printed.
 */
export function ReasonModal({
  request,
  onDone,
}: {
  request: ReasonRequest | null;
  onDone: (reason: AccessReason | null) => void;
}) {
  const { t } = useTranslation('audit');
  const [code, setCode] = useState<ReasonCode | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    if (!code) return setError(t('reason.pickOne'));
    const parsed = accessReasonSchema.safeParse({ code, note: note.trim() });
    if (!parsed.success) return setError(t('reason.noteNeeded'));
    onDone(parsed.data);
  };

  const what = request
    ? t(`object.${request.object}`) +
      (request.format ? ` · ${t(`format.${request.format}`)}` : '') +
      (request.count !== null ? ` · ${t('reason.subjects', { count: request.count })}` : '')
    : '';

  return (
    <Modal
      open={request !== null}
      title={request ? t(`reason.title.${request.action}`) : ''}
      okText={request ? t(`reason.ok.${request.action}`) : ''}
      cancelText={t('reason.cancel')}
      onOk={submit}
      onCancel={() => onDone(null)}
      destroyOnHidden
      data-testid="reason-modal"
      okButtonProps={{ 'data-testid': 'reason-ok' }}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{what}</Typography.Text>
        <Typography.Paragraph style={{ margin: 0 }}>{t('reason.why')}</Typography.Paragraph>
        <Form layout="vertical" component="div">
          <Form.Item
            validateStatus={error && !code ? 'error' : undefined}
            style={{ marginBottom: 12 }}
          >
            <Radio.Group
              value={code}
              onChange={(e) => {
                setCode(e.target.value as ReasonCode);
                setError(null);
              }}
              aria-label={t('reason.why')}
            >
              <Space direction="vertical">
                {REASON_CODES.map((c) => (
                  <Radio key={c} value={c} data-testid={`reason-${c}`}>
                    {t(`reasons.${c}`)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            label={code === 'other' ? t('reason.noteRequired') : t('reason.note')}
            validateStatus={error && code ? 'error' : undefined}
            help={error ?? t('reason.kept')}
            style={{ marginBottom: 0 }}
          >
            <Input.TextArea
              value={note}
              maxLength={MAX_REASON_NOTE}
              autoSize={{ minRows: 2, maxRows: 4 }}
              onChange={(e) => {
                setNote(e.target.value);
                setError(null);
              }}
              data-testid="reason-note"
            />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
