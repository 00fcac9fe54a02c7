import { Button, Form, Tooltip, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NameScript } from '@shared/crm/codes';
import { readingMustBeTyped } from '@shared/crm/names';

/**
 * The reading field's "Suggest" button. For a Japanese name with kanji no
 * reading can be guessed: the button is disabled and its tooltip says the
 * reading must be typed (before, it did nothing, with no word why).
 */
export function ReadingSuggestButton<Values>({
  form,
  nameOf,
  scriptOf,
  onSuggest,
  testId,
}: {
  form: FormInstance<Values>;
  /** The name the reading is for, from the form's values. */
  nameOf: (values: Values) => string;
  scriptOf: (values: Values) => NameScript | undefined;
  onSuggest: () => void;
  testId: string;
}) {
  const { t } = useTranslation('crm');
  const name = Form.useWatch((values: Values) => (values ? nameOf(values) : ''), form) ?? '';
  const script = Form.useWatch((values: Values) => (values ? scriptOf(values) : undefined), form);
  const mustType = script !== undefined && readingMustBeTyped(name, script);
  const button = (
    <Button onClick={onSuggest} disabled={mustType} data-testid={testId}>
      {t('actions.suggest')}
    </Button>
  );
  if (!mustType) return button;
  // A disabled button gets no pointer events: the tooltip sits on a wrapper.
  return (
    <Tooltip title={t('fields.readingKanjiMustType')}>
      <span data-testid={`${testId}-why`}>{button}</span>
    </Tooltip>
  );
}
