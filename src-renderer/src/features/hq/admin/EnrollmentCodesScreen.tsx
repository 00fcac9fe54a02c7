import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_CODE_TTL_HOURS,
  MAX_CODE_TTL_HOURS,
  MAX_STAFF_NAME,
  type CreateEnrollmentCodeResponse,
  type EnrollmentCodeInfo,
} from '@shared/admin/api';
import { formatDateTime } from '@shared/format';
import { SEED_OFFICES } from '@shared/offices/seed';
import { useHqClient, useHqQuery } from '../api/use-hq';
import { TableRegion } from '../dashboard/TableRegion';
import {
  HqScreen,
  QueryState,
  WRAP_COLUMN,
  ZoneNote,
  firstLoad,
  formatRelativeHours,
  officeName,
  problemKey,
  useNow,
  useView,
} from '../common';

/** Select value for "an HQ device". */
const FOR_HQ = '__hq__';
/** Person select value for "someone HQ does not know yet" (then a name is typed). */
const NEW_PERSON = '__new__';

interface CodeForm {
  target: string;
  /** A staff id, or NEW_PERSON. */
  person: string;
  personName?: string;
  ttlHours: number;
}

export function EnrollmentCodesScreen() {
  const { t } = useTranslation('hq');
  return (
    <HqScreen testId="screen-hq-codes" title={t('codes.title')} subtitle={t('codes.subtitle')}>
      <CodesPanel />
    </HqScreen>
  );
}

export function codeStatus(c: EnrollmentCodeInfo, now: number): 'used' | 'expired' | 'open' {
  if (c.usedAt !== null) return 'used';
  return c.expiresAt <= now ? 'expired' : 'open';
}

function CodesPanel() {
  const { t } = useTranslation(['hq', 'errors']);
  const { language, timeZone } = useView();
  const now = useNow();
  const client = useHqClient();
  const offices = useHqQuery('admin/offices', (c) => c.offices());
  const codes = useHqQuery('admin/codes', (c) => c.enrollmentCodes());
  const [form] = Form.useForm<CodeForm>();
  const [created, setCreated] = useState<CreateEnrollmentCodeResponse | null>(null);
  // The new code is shown once, below the form: brought into view (at 1280×720 it opened
  // under the fold, and the screen seemed not to have answered).
  const createdCard = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (created) createdCard.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [created]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hqLabel = t('common.hq');
  const officeList =
    offices.data?.offices.map((o) => ({ id: o.id, kind: o.kind, names: o.names })) ??
    SEED_OFFICES.map((o) => ({ id: o.id, kind: o.kind as string, names: o.names }));

  const submit = async (values: CodeForm) => {
    if (!client) return;
    setBusy(true);
    setFailure(null);
    setCreated(null);
    try {
      const answer = await client.createEnrollmentCode({
        officeId: values.target === FOR_HQ ? null : values.target,
        ttlHours: values.ttlHours,
        ...(values.person === NEW_PERSON
          ? { staffName: values.personName?.trim() ?? '' }
          : { staffId: values.person }),
      });
      setCreated(answer);
      codes.reload();
    } catch (error) {
      setFailure(problemKey(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('codes.createTitle')}>
        <Typography.Paragraph>{t('codes.intro')}</Typography.Paragraph>
        <Form<CodeForm>
          form={form}
          layout="vertical"
          initialValues={{ ttlHours: DEFAULT_CODE_TTL_HOURS, person: NEW_PERSON }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item
            name="target"
            label={t('codes.target')}
            rules={[{ required: true, message: t('codes.targetMissing') }]}
          >
            <Select
              style={{ maxWidth: 360 }}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="hq-code-target"
              placeholder={t('codes.targetPlaceholder')}
              options={[
                { value: FOR_HQ, label: t('codes.forHq') },
                ...officeList
                  .filter((o) => o.kind !== 'hq')
                  .map((o) => ({ value: o.id, label: o.names[language] ?? o.id })),
              ]}
            />
          </Form.Item>
          <Form.Item
            name="person"
            label={t('codes.person')}
            extra={t('codes.personHelp')}
            rules={[{ required: true, message: t('codes.personMissing') }]}
          >
            <Select
              style={{ maxWidth: 360 }}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="hq-code-person"
              options={[
                { value: NEW_PERSON, label: t('codes.personNew') },
                ...(codes.data?.staff ?? []).map((p) => ({ value: p.id, label: p.name })),
              ]}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['person']}>
            {({ getFieldValue }) =>
              getFieldValue('person') === NEW_PERSON ? (
                <Form.Item
                  name="personName"
                  label={t('codes.personName')}
                  rules={[
                    {
                      required: true,
                      whitespace: true,
                      max: MAX_STAFF_NAME,
                      message: t('codes.personNameMissing', { max: MAX_STAFF_NAME }),
                    },
                  ]}
                >
                  <Input
                    style={{ maxWidth: 360 }}
                    maxLength={MAX_STAFF_NAME}
                    data-testid="hq-code-person-name"
                  />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item
            name="ttlHours"
            label={t('codes.ttl')}
            extra={t('codes.ttlHelp', { max: MAX_CODE_TTL_HOURS })}
            rules={[
              { required: true, message: t('codes.ttlInvalid', { max: MAX_CODE_TTL_HOURS }) },
              {
                type: 'integer',
                min: 1,
                max: MAX_CODE_TTL_HOURS,
                message: t('codes.ttlInvalid', { max: MAX_CODE_TTL_HOURS }),
              },
            ]}
          >
            <InputNumber min={1} max={MAX_CODE_TTL_HOURS} precision={0} style={{ width: 160 }} />
          </Form.Item>
          {failure && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t(failure)}
              style={{ marginBottom: 16 }}
            />
          )}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="hq-code-create">
            {t('codes.create')}
          </Button>
        </Form>
      </Card>
      {created && (
        <Card
          ref={createdCard}
          title={t('codes.createdTitle')}
          data-testid="hq-code-created"
          className="bh-hq-code-card"
        >
          <Alert
            type="warning"
            showIcon
            title={t('codes.onceWarning')}
            style={{ marginBottom: 16 }}
          />
          <Typography.Paragraph
            className="bh-hq-code"
            copyable={{ text: created.code, tooltips: [t('codes.copy'), t('codes.copied')] }}
            data-testid="hq-code-value"
          >
            {created.code}
          </Typography.Paragraph>
          <Typography.Paragraph>
            {t('codes.forWhom', {
              office: officeName(created.officeId, language, officeList, t('codes.hqDevice')),
            })}
          </Typography.Paragraph>
          {created.staff && (
            <Typography.Paragraph data-testid="hq-code-person-created">
              {t('codes.forPerson', { name: created.staff.name })}
            </Typography.Paragraph>
          )}
          <Typography.Paragraph>
            {t('codes.expires', {
              absolute: formatDateTime(created.expiresAt, timeZone, language),
              relative: formatRelativeHours(created.expiresAt, now, language),
            })}
          </Typography.Paragraph>
          <ZoneNote zone={timeZone} language={language} />
        </Card>
      )}
      <Card title={t('codes.issuedTitle')}>
        <QueryState query={codes} />
        <ZoneNote zone={timeZone} language={language} />
        <TableRegion label={t('codes.issuedTitle')}>
          <Table<EnrollmentCodeInfo>
            rowKey={(c) => `${c.createdAt}-${c.officeId ?? ''}-${c.expiresAt}-${c.deviceId ?? ''}`}
            size="small"
            data-testid="hq-codes-table"
            dataSource={codes.data?.codes ?? []}
            loading={firstLoad(codes)}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('codes.none') }}
            columns={[
              {
                key: 'office',
                title: t('codes.target'),
                render: (_, c) => officeName(c.officeId, language, officeList, hqLabel),
              },
              {
                key: 'person',
                title: t('codes.person'),
                className: WRAP_COLUMN,
                render: (_, c) =>
                  c.staffName ?? <span className="bh-hq-muted">{t('codes.nobody')}</span>,
              },
              {
                key: 'created',
                title: t('codes.created'),
                render: (_, c) => formatDateTime(c.createdAt, timeZone, language),
              },
              {
                key: 'expires',
                title: t('codes.expiresAt'),
                render: (_, c) => formatDateTime(c.expiresAt, timeZone, language),
              },
              {
                key: 'status',
                title: t('codes.status'),
                render: (_, c) => {
                  const s = codeStatus(c, now);
                  const color = s === 'used' ? 'green' : s === 'expired' ? 'default' : 'blue';
                  return <Tag color={color}>{t(`codes.statuses.${s}`)}</Tag>;
                },
              },
            ]}
          />
        </TableRegion>
      </Card>
    </Space>
  );
}
