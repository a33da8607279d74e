import { Alert, Button, Group, Select, type SelectProps } from '@mantine/core';
import { COUNTRY_CODES } from '@modelgate/domain/inventory';
import { formLevelError, isConflict } from '../form-errors';
import { currentLocale } from '../../../i18n/translate';
import { countryLabel } from '../labels';
import { t } from '../messages';

let countryOptionList: { locale: string; options: { value: string; label: string }[] } | null = null;

/** Every ISO 3166-1 country as select options, "China (CN)", sorted by name (built once per language). */
export function countryOptions(): { value: string; label: string }[] {
  const locale = currentLocale();
  if (countryOptionList?.locale !== locale) {
    const options = COUNTRY_CODES.map((code) => ({ value: code, label: countryLabel(code) }));
    countryOptionList = { locale, options: options.sort((a, b) => a.label.localeCompare(b.label, locale)) };
  }
  return countryOptionList.options;
}

/** Every ISO 3166-1 country, "China (CN)", searchable by name or code. */
export function CountrySelect(props: Omit<SelectProps, 'data'>) {
  return <Select searchable data={countryOptions()} {...props} />;
}

/**
 * The failure no single field explains; a stale edit offers to reload instead. `conflictMessage` says in the
 * record's own words what happened, e.g. "Someone changed this deployment since you opened it".
 */
export function FormError({
  error,
  title,
  onReload,
  conflictMessage,
}: {
  error: unknown;
  title: string;
  onReload?: () => void;
  conflictMessage?: string;
}) {
  if (isConflict(error)) {
    return (
      <Alert
        color="orange"
        role="alert"
        title={conflictMessage ? t('inventory.form.conflict.notSaved') : t('inventory.form.conflict.title')}
      >
        <Group justify="space-between">
          {conflictMessage ?? t('inventory.form.conflict.body')}
          {onReload && (
            <Button size="xs" variant="light" onClick={onReload}>
              {t('inventory.form.reload')}
            </Button>
          )}
        </Group>
      </Alert>
    );
  }
  const shown = formLevelError(error);
  if (!shown) return null;
  return (
    <Alert color="red" role="alert" title={title}>
      {shown.message}
    </Alert>
  );
}
