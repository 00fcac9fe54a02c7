import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Spin, Tag } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useUnsavedEdits } from '../../updates';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { NAME_SCRIPTS, type NameScript } from '@shared/crm/codes';
import { detectNameScript, hanScriptFor } from '@shared/crm/names';
import type { DuplicateMatch } from '@shared/crm/duplicates';
import type { FieldError } from '@shared/crm/schemas';
import { useDatabase } from '../../../data/database-context';
import { errorMessageKey } from '../../../i18n/error-message';
import { ScreenHeader } from '../../../ui/ScreenHeader';
import { CompanyName } from '../common/names';
import { suggestReadingLazy, usePreloadReadingSuggester } from '../common/reading';
import { ReadingSuggestButton } from '../common/ReadingSuggestButton';
import { COMMON_COUNTRIES, useCrmLabels, useOfficeContext } from '../common/use-labels';
import { createBuyer, getBuyer, updateBuyer, validateBuyerDraft } from '../data/buyer-repository';
import { CrmError } from '../data/records';
import { useIsHqDevice } from '../../sync-ui';
import { canEditOfficeRecord } from '../common/office-access';
import { useCrmIndex } from '../data/use-crm';
import {
  formFieldOf,
  toDraft,
  toFormValues,
  withoutBlankNewContacts,
  type BuyerFormValues,
} from './buyer-form-model';
import { ContactFields } from './ContactFields';
import { useAccessLog } from '../../audit';
import '../crm.css';

/** Create (`buyers/new`) and edit (`buyers/:id/edit`) a buyer with its contact people. */
export function BuyerFormScreen() {
  const { t } = useTranslation('crm');
  const { message } = App.useApp();
  const { id } = useParams();
  const editing = Boolean(id);
  const isHqDevice = useIsHqDevice();
  const db = useDatabase();
  const accessLog = useAccessLog();
  const navigate = useNavigate();
  const labels = useCrmLabels();
  const { office, officeId } = useOfficeContext();
  const { index, version } = useCrmIndex();
  const [form] = Form.useForm<BuyerFormValues>();
  const localScript: NameScript =
    office.localLanguage === 'zh-CN'
      ? 'zh'
      : office.localLanguage === 'en'
        ? 'latin'
        : office.localLanguage;
  // The form mounts once its values are known (new: office defaults; edit: the stored record).
  const [initial, setInitial] = useState<BuyerFormValues | null>(() =>
    editing
      ? null
      : {
          nameScript: localScript,
          country: office.country,
          status: 'prospect',
          contacts: [{ nameScript: localScript, phones: [], messengers: [] }],
        },
  );
  const loading = initial === null;
  const [saving, setSaving] = useState(false);
  // Edits typed but not saved: the app does not restart to update meanwhile.
  const [dirty, setDirty] = useState(false);
  useUnsavedEdits(dirty);
  const [general, setGeneral] = useState<string[]>([]);
  const [dupes, setDupes] = useState<DuplicateMatch[]>([]);
  const dupesRef = useRef<HTMLDivElement>(null);
  usePreloadReadingSuggester();

  useEffect(() => {
    if (!id) return;
    let live = true;
    void getBuyer(db, id).then((record) => {
      if (!live) return;
      // An office's buyer is read-only on an HQ laptop: back to the detail, which says why.
      if (record && canEditOfficeRecord(isHqDevice, record.buyer.officeId)) {
        setInitial(toFormValues(record));
      } else navigate(`/buyers/${id}`, { replace: true });
    });
    return () => {
      live = false;
    };
  }, [db, id, navigate, isHqDevice]);

  useEffect(() => {
    if (dupes.length) dupesRef.current?.focus();
  }, [dupes]);

  const showErrors = (errors: readonly FieldError[]) => {
    const unmapped: string[] = [];
    const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
    for (const e of errors) {
      const name = formFieldOf(e.path);
      const text = t(`errors:${e.code}`);
      if (!name) {
        unmapped.push(text);
        continue;
      }
      const key = name.join('.');
      const entry = byField.get(key) ?? { name, errors: [] };
      if (!entry.errors.includes(text)) entry.errors.push(text);
      byField.set(key, entry);
    }
    form.setFields([...byField.values()] as never);
    setGeneral(unmapped);
    const first = [...byField.values()][0];
    if (first) form.scrollToField(first.name as never, { block: 'center' });
  };

  /**
   * Saves the form. `force` skips the duplicate check; `mergeWith` saves and
   * then opens the side-by-side merge of the new record with that candidate.
   */
  const save = async (force: boolean, mergeWith?: string) => {
    setGeneral([]);
    let values: BuyerFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const contacts = values.contacts ?? [];
    const kept = withoutBlankNewContacts(contacts);
    if (kept.length !== contacts.length) {
      // Drop them from the form too, so field errors below point at the rows shown.
      form.setFieldValue('contacts', kept);
      values = { ...values, contacts: kept };
    }
    const { draft, errors } = toDraft(values, office.country);
    if (errors.length) return showErrors(errors);
    setSaving(true);
    try {
      if (editing) {
        await updateBuyer(db, id!, draft);
        recordChange('edit', id!);
        message.success(t('form.saved'));
        navigate(`/buyers/${id}`);
        return;
      }
      if (!force) {
        // Validate first so the duplicate check sees normalized values.
        const candidate = validateBuyerDraft(draft, { buyerId: 'candidate', officeId });
        await index.whenReady();
        const found = index.duplicatesOf(candidate).filter((m) => m.level !== 'weak');
        if (found.length) {
          setDupes(found);
          return;
        }
      }
      const created = await createBuyer(db, officeId, draft);
      recordChange(
        'create',
        created.buyer.id,
        created.contacts.map((c) => c.id),
      );
      message.success(t('form.created'));
      navigate(
        mergeWith
          ? `/buyers/${created.buyer.id}?merge=${encodeURIComponent(mergeWith)}`
          : `/buyers/${created.buyer.id}`,
      );
    } catch (error) {
      if (error instanceof CrmError && error.fieldErrors.length) showErrors(error.fieldErrors);
      else message.error(t(errorMessageKey(error)));
    } finally {
      setSaving(false);
    }
  };

  /** Changes are on record (issue 14); a failed record never undoes the saved change. */
  function recordChange(action: 'create' | 'edit', buyerId: string, contactIds: string[] = []) {
    accessLog
      .record({
        action,
        object: 'buyer',
        subjects: [
          { kind: 'buyer', ids: [buyerId] },
          { kind: 'contact', ids: contactIds },
        ],
      })
      .catch((error: unknown) => console.error('[audit] change not recorded', error));
  }

  /** The name's script, guessed until someone picks it (Han alone: by country, else office). */
  const detectCompanyScript = () => {
    const name = form.getFieldValue('nameNative') as string | undefined;
    // A saved buyer keeps the script it was saved with unless someone picks another.
    if (!name || id || form.isFieldTouched('nameScript')) return;
    const hanDefault = hanScriptFor({
      country: form.getFieldValue('country') as string | undefined,
      officeLanguage: office.localLanguage,
    });
    // Not marked touched (setFieldValue would): a later country choice guesses again.
    form.setFields([
      { name: 'nameScript', value: detectNameScript(name, hanDefault), touched: false },
    ]);
  };

  const onNameBlur = () => {
    if (!form.getFieldValue('nameNative')) return;
    detectCompanyScript();
    if (!form.getFieldValue('reading')) suggestCompanyReading();
  };

  const suggestCompanyReading = () => {
    void suggestReadingLazy(
      form.getFieldValue('nameNative') ?? '',
      form.getFieldValue('nameScript'),
      'company',
    ).then((reading) => {
      if (reading) form.setFieldValue('reading', reading);
    });
  };

  // Facets walk every buyer: once per index change, not per render.
  const tagOptions = useMemo(
    () => index.facets().tags.map((tag) => ({ value: tag, label: tag })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [index, version],
  );
  const title = editing ? t('form.editTitle') : t('form.createTitle');
  const countries = [...new Set([office.country, ...COMMON_COUNTRIES])];

  return (
    <section className="bh-screen" data-testid="screen-buyer-form">
      <ScreenHeader title={title} subtitle={t('form.subtitle')} />
      {loading ? (
        <Spin />
      ) : (
        <Form<BuyerFormValues>
          form={form}
          layout="vertical"
          initialValues={initial ?? undefined}
          onFinish={() => void save(false)}
          onValuesChange={() => setDirty(true)}
          scrollToFirstError
        >
          {general.length ? (
            <Alert
              type="error"
              showIcon
              title={t('form.fixErrors')}
              description={general.join(' ')}
              className="bh-crm-section"
            />
          ) : null}
          {dupes.length ? (
            <div
              ref={dupesRef}
              tabIndex={-1}
              className="bh-crm-section"
              data-testid="duplicate-warning"
            >
              <Alert
                type="warning"
                showIcon
                role="alert"
                title={t('dupes.title', { count: dupes.length })}
                description={
                  <div className="bh-crm-dupes">
                    <ul>
                      {dupes.slice(0, 5).map((m) => {
                        const row = index.rows.get(m.buyerId);
                        return (
                          <li key={m.buyerId}>
                            {row ? (
                              <CompanyName
                                inline
                                nameNative={row.nameNative}
                                nameLatin={row.nameLatin}
                                nameScript={row.nameScript}
                              />
                            ) : (
                              m.buyerId
                            )}{' '}
                            <Tag color={m.level === 'strong' ? 'red' : 'orange'}>
                              {t(`dupes.level.${m.level}`)}
                            </Tag>
                            <span className="bh-crm-muted">
                              {m.evidence
                                .map((e) => t(`dupes.reason.${e.reason}`, { value: e.value }))
                                .join(' · ')}
                            </span>{' '}
                            <Link to={`/buyers/${m.buyerId}`} data-testid="duplicate-open">
                              {t('dupes.open')}
                            </Link>{' '}
                            <Button
                              size="small"
                              onClick={() => void save(true, m.buyerId)}
                              disabled={saving}
                              data-testid="duplicate-merge"
                            >
                              {t('dupes.saveAndMerge')}
                            </Button>
                          </li>
                        );
                      })}
                    </ul>
                    <Button
                      danger
                      onClick={() => void save(true)}
                      loading={saving}
                      data-testid="duplicate-create-anyway"
                    >
                      {t('dupes.createAnyway')}
                    </Button>
                  </div>
                }
              />
            </div>
          ) : null}
          <Card title={t('form.company')} className="bh-card bh-crm-section">
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item
                  label={t('fields.nameNative')}
                  name="nameNative"
                  rules={[{ required: true, whitespace: true, message: t('errors:crm.required') }]}
                  extra={t('fields.nameNativeHelp')}
                >
                  <Input onBlur={onNameBlur} data-testid="buyer-name-native" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  label={t('fields.nameLatin')}
                  name="nameLatin"
                  extra={t('fields.nameLatinHelp')}
                >
                  <Input lang="en" data-testid="buyer-name-latin" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={t('fields.reading')} extra={t('fields.readingHelp')}>
                  <div className="bh-crm-inline-row">
                    <Form.Item name="reading" noStyle>
                      <Input
                        style={{ flex: 1 }}
                        aria-label={t('fields.reading')}
                        data-testid="buyer-reading"
                      />
                    </Form.Item>
                    <ReadingSuggestButton
                      form={form}
                      nameOf={(v) => v.nameNative ?? ''}
                      scriptOf={(v) => v.nameScript}
                      onSuggest={suggestCompanyReading}
                      testId="buyer-reading-suggest"
                    />
                  </div>
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label={t('fields.nameScript')} name="nameScript">
                  <Select
                    options={NAME_SCRIPTS.map((s) => ({ value: s, label: t(`script.${s}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label={t('fields.status')} name="status">
                  <Select options={labels.statusOptions} data-testid="buyer-status" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item
                  label={t('fields.country')}
                  name="country"
                  rules={[{ required: true, message: t('errors:crm.required') }]}
                >
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={countries.map((c) => ({ value: c, label: labels.country(c) }))}
                    onChange={detectCompanyScript}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label={t('fields.city')} name="city">
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={t('fields.addressLocal')} name="addressLocal">
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={t('fields.website')} name="website">
                  <Input inputMode="url" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={t('fields.industries')} name="industries">
                  <Select
                    mode="multiple"
                    showSearch={{ optionFilterProp: 'label' }}
                    options={labels.industryOptions}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={t('fields.tags')} name="tags" extra={t('fields.tagsHelp')}>
                  <Select mode="tags" tokenSeparators={[',']} options={tagOptions} />
                </Form.Item>
              </Col>
            </Row>
            <Form.List name="products">
              {(products, { add, remove }) => (
                <Form.Item label={t('fields.products')} extra={t('fields.productsHelp')}>
                  {products.map((p) => (
                    <div className="bh-crm-inline-row" key={p.key}>
                      <Form.Item
                        name={[p.name, 'name']}
                        style={{ flex: '2 1 220px' }}
                        rules={[
                          { required: true, whitespace: true, message: t('errors:crm.required') },
                        ]}
                      >
                        <Input aria-label={t('fields.productName')} />
                      </Form.Item>
                      <Form.Item name={[p.name, 'hsCode']} style={{ flex: '1 1 120px' }}>
                        <Input
                          aria-label={t('fields.hsCode')}
                          placeholder={t('fields.hsCode')}
                          inputMode="numeric"
                        />
                      </Form.Item>
                      <Button
                        type="text"
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t('actions.remove')}
                        onClick={() => remove(p.name)}
                      />
                    </div>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({})}>
                    {t('fields.addProduct')}
                  </Button>
                </Form.Item>
              )}
            </Form.List>
            <Form.Item label={t('fields.notes')} name="notes">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
            </Form.Item>
          </Card>
          <Card title={t('contacts.title')} className="bh-card bh-crm-section">
            <Form.List name="contacts">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => (
                    <ContactFields
                      key={field.key}
                      form={form}
                      field={field}
                      index={i}
                      onRemove={() => remove(field.name)}
                    />
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined aria-hidden />}
                    onClick={() =>
                      add({
                        nameScript: form.getFieldValue('nameScript'),
                        phones: [],
                        messengers: [],
                      })
                    }
                    data-testid="contact-add"
                  >
                    {t('contacts.add')}
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
          <div className="bh-crm-form-actions">
            <Button onClick={() => navigate(editing ? `/buyers/${id}` : '/buyers')}>
              {t('actions.cancel')}
            </Button>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="buyer-save">
              {t('actions.save')}
            </Button>
          </div>
        </Form>
      )}
    </section>
  );
}
