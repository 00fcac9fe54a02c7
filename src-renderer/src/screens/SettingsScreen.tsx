import { App, Card, Col, Descriptions, Form, Row, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  currencyDisplayFor,
  formatCompact,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatTime,
  formatUtcOffset,
  intlLocale,
  toMinorUnits,
} from '@shared/format';
import { SUPPORTED_LANGUAGES, type Language } from '@shared/i18n/languages';
import { SEED_OFFICES } from '@shared/offices/seed';
import { errorMessageKey } from '../i18n/error-message';
import { LANGUAGE_OPTIONS } from '../layout/LanguageSwitcher';
import { useSettings } from '../state/settings-context';
import { effectiveTimeZone, findOffice } from '../state/settings-store';
import { DemoDataCard } from '../features/demo';
import { useSyncState } from '../features/sync-ui';
import { ScreenHeader } from '../ui/ScreenHeader';
import {
  matchesTimeZone,
  timeZoneOptions,
  zoneDisplayName,
  type TimeZoneOption,
} from './time-zone-options';

/** Sentinel option value: follow the office's zone (stored as null). */
const OFFICE_ZONE = '';

// One sample figure for the whole preview, large enough to show grouping and decimals: the
// compact form and the amounts are this same number, so the rows can be compared (a compact
// 13M beside 1,234,567.891 read as a wrong figure).
const SAMPLE_NUMBER = 1234567.891;

export function SettingsScreen() {
  const { t, i18n } = useTranslation('settings');
  const { message } = App.useApp();
  const language = useSettings((s) => s.language);
  const officeId = useSettings((s) => s.officeId);
  const officeChosen = useSettings((s) => s.officeChosen);
  // The link to HQ decides the office: changing it here would record data HQ refuses.
  const linked = useSyncState((s) => s.enrollment !== null);
  const timeZoneOverride = useSettings((s) => s.timeZoneOverride);
  const setLanguage = useSettings((s) => s.setLanguage);
  const setOfficeId = useSettings((s) => s.setOfficeId);
  const setTimeZoneOverride = useSettings((s) => s.setTimeZoneOverride);
  const [now] = useState(() => Date.now());

  const office = findOffice(officeId);
  const timeZone = effectiveTimeZone({ officeId, timeZoneOverride });

  // The toast speaks the language in force once the write settles: after a language change
  // the new one (i18next follows the store only in the next render, hence `lng`), after a
  // failure the one still shown.
  const save = (action: Promise<void>, nextLanguage?: Language) => {
    // Toasts shown so far speak the language being left.
    if (nextLanguage) message.destroy();
    action
      .then(() =>
        message.success(i18n.t('saved', { ns: 'settings', lng: nextLanguage ?? i18n.language })),
      )
      .catch((error: unknown) => message.error(i18n.t(errorMessageKey(error))));
  };

  const languageNames = useMemo(
    () => new Intl.DisplayNames([intlLocale(language)], { type: 'language' }),
    [language],
  );

  const zoneOptions = useMemo<TimeZoneOption[]>(() => {
    const officeZone = `${zoneDisplayName(office.timeZone, intlLocale(language))} (${formatUtcOffset(office.timeZone, now)})`;
    const label = t('timeZone.officeDefault', { timeZone: officeZone });
    return [
      { value: OFFICE_ZONE, label, search: `${label} ${office.timeZone}`.toLowerCase() },
      ...timeZoneOptions(now, intlLocale(language)),
    ];
  }, [office.timeZone, now, t, language]);

  const officeOptions = SEED_OFFICES.map((o) => ({
    value: o.id,
    label: o.names[language],
    office: o,
  }));

  const sampleMoney = toMinorUnits(SAMPLE_NUMBER, office.currency);

  const preview = [
    { key: 'date', label: t('preview.date'), value: formatDate(now, timeZone, language) },
    {
      key: 'fullDate',
      label: t('preview.fullDate'),
      value: formatDate(now, timeZone, language, 'full'),
    },
    { key: 'time', label: t('preview.time'), value: formatTime(now, timeZone, language) },
    {
      key: 'dateTime',
      label: t('preview.dateTime'),
      value: formatDateTime(now, timeZone, language),
    },
    { key: 'utcOffset', label: t('preview.utcOffset'), value: formatUtcOffset(timeZone, now) },
    { key: 'number', label: t('preview.number'), value: formatNumber(SAMPLE_NUMBER, language) },
    { key: 'compact', label: t('preview.compact'), value: formatCompact(SAMPLE_NUMBER, language) },
    {
      key: 'money',
      label: t('preview.money'),
      // By its sign where the reader cannot mistake it, else by its code (a bare ¥ could be
      // yen or yuan).
      value: formatMoney(sampleMoney, office.currency, language, {
        currencyDisplay: currencyDisplayFor(office.currency, language),
      }),
    },
    {
      key: 'moneyCode',
      label: t('preview.moneyCode'),
      value: formatMoney(sampleMoney, office.currency, language, { currencyDisplay: 'code' }),
    },
  ];

  return (
    <section className="bh-screen" data-testid="screen-settings">
      <ScreenHeader title={t('title')} subtitle={t('subtitle')} />
      <Row gutter={[20, 20]}>
        <Col xs={24} xl={14}>
          <Card title={t('sectionRegion')} className="bh-card">
            <Form layout="vertical" requiredMark={false} className="bh-settings-form">
              <Form.Item
                label={t('language.label')}
                htmlFor="settings-language"
                extra={t('language.help')}
              >
                <Select<Language>
                  id="settings-language"
                  data-testid="settings-language"
                  value={language}
                  options={LANGUAGE_OPTIONS}
                  optionRender={({ value, label }) => (
                    <span className="bh-option-two-line" data-language={String(value)}>
                      <span lang={String(value)}>{label}</span>
                      <span className="bh-option-hint">{languageNames.of(String(value))}</span>
                    </span>
                  )}
                  labelRender={({ value, label }) => <span lang={String(value)}>{label}</span>}
                  onChange={(next) => {
                    if ((SUPPORTED_LANGUAGES as readonly string[]).includes(next))
                      save(setLanguage(next), next);
                  }}
                />
              </Form.Item>
              <Form.Item
                label={t('office.label')}
                htmlFor="settings-office"
                extra={
                  <span id="settings-office-help" data-testid="settings-office-help">
                    {t(linked ? 'office.locked' : officeChosen ? 'office.help' : 'office.choose')}
                  </span>
                }
              >
                <Select<string | null, (typeof officeOptions)[number]>
                  id="settings-office"
                  data-testid="settings-office"
                  // null, not undefined: an undefined value makes the select uncontrolled, and
                  // it showed the new office before the office was stored (a reload lost it).
                  value={officeChosen ? office.id : null}
                  placeholder={t('office.placeholder')}
                  disabled={linked}
                  aria-describedby="settings-office-help"
                  options={officeOptions}
                  optionRender={(option) => (
                    <span className="bh-option-two-line" data-office={option.data.office.id}>
                      <span>{option.label}</span>
                      <span className="bh-option-hint">
                        {zoneDisplayName(option.data.office.timeZone, intlLocale(language))} ·{' '}
                        {option.data.office.currency}
                      </span>
                    </span>
                  )}
                  onChange={(next) => next && save(setOfficeId(next))}
                />
              </Form.Item>
              <Form.Item
                label={t('timeZone.label')}
                htmlFor="settings-timezone"
                extra={t('timeZone.help')}
              >
                <Select<string, TimeZoneOption>
                  id="settings-timezone"
                  data-testid="settings-timezone"
                  value={timeZoneOverride ?? OFFICE_ZONE}
                  options={zoneOptions}
                  showSearch={{ filterOption: matchesTimeZone }}
                  notFoundContent={t('timeZone.noMatch')}
                  onChange={(next) => save(setTimeZoneOverride(next === OFFICE_ZONE ? null : next))}
                />
              </Form.Item>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('preview.title')} className="bh-card" data-testid="settings-preview">
            <p className="bh-card-help">{t('preview.help')}</p>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={preview.map(({ key, label, value }) => ({
                key,
                label,
                children: (
                  <span className="bh-preview-value" data-testid={`preview-${key}`}>
                    {value}
                  </span>
                ),
              }))}
            />
          </Card>
          <DemoDataCard />
        </Col>
      </Row>
    </section>
  );
}
