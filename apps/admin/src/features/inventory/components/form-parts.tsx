import { Alert, Button, Group, Select, type SelectProps } from '@mantine/core';
import { COUNTRY_CODES } from '@modelgate/domain/inventory';
import { formLevelError, isConflict } from '../form-errors';
import { countryLabel } from '../labels';

let countryOptionList: { value: string; label: string }[] | null = null;

/** Every ISO 3166-1 country as select options, "China (CN)", sorted by name (built once). */
export function countryOptions(): { value: string; label: string }[] {
  return (countryOptionList ??= COUNTRY_CODES.map((code) => ({ value: code, label: countryLabel(code) })).sort((a, b) =>
    a.label.localeCompare(b.label),
  ));
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
        title={conflictMessage ? 'Your changes were not saved' : 'Someone else changed this record'}
      >
        <Group justify="space-between">
          {conflictMessage ??
            'Your changes were not saved, so nothing of theirs was overwritten. Reload to see the current facts, then edit again.'}
          {onReload && (
            <Button size="xs" variant="light" onClick={onReload}>
              Reload
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
