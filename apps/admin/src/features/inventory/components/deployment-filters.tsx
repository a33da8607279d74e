import { Button, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { dataClassificationLabels, deploymentStatusLabels, environmentLabels, optionsOf, versionTitle } from '../labels';
import { t } from '../deployments-messages';
import { inventoryQueries } from '../queries';
import { hasDeploymentFilters, type DeploymentSearch } from '../search';
import { ModelVersionSelect, type VersionOption } from './model-version-select';

/** One model version to filter by, found by searching; a version named in the URL is shown by its name. */
function ModelVersionFilter({ id, onChange }: { id: string | null; onChange: (id: string | null) => void }) {
  // The version picked here is known by name already; only one that came with the URL is looked up.
  const [picked, setPicked] = useState<VersionOption | null>(null);
  const lookup = useQuery({ ...inventoryQueries.versionOption(id ?? ''), enabled: id !== null && id !== picked?.value });
  const known =
    id !== null && id === picked?.value
      ? picked
      : lookup.data
        ? { value: lookup.data.id, label: versionTitle(lookup.data) }
        : undefined;
  if (id !== null && !known && lookup.isPending) {
    return (
      <Select
        label={t('deployments.filters.modelVersion')}
        data={[]}
        placeholder={t('deployments.filters.loading')}
        disabled
        w={300}
      />
    );
  }
  return (
    <ModelVersionSelect
      key={id ?? 'none'}
      label={t('deployments.filters.modelVersion')}
      placeholder={t('deployments.filters.anyVersion')}
      value={id}
      initialOption={known}
      clearable
      w={300}
      onChange={(option) => {
        setPicked(option);
        onChange(option?.value ?? null);
      }}
    />
  );
}

/** Lets the search field shrink beside the picked values instead of wrapping to a second line. */
const pillsFit = { inputField: { minWidth: '3rem' } };

/** Search text, then one filter for each field the API filters deployments by; every change lands in the URL. */
export function DeploymentFilters({
  search,
  onSearchChange,
}: {
  search: DeploymentSearch;
  onSearchChange: (search: DeploymentSearch) => void;
}) {
  const [text, setText] = useState(search.search ?? '');
  const teams = useQuery(inventoryQueries.teams());
  const targets = useQuery(inventoryQueries.hostingTargets(true));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearchChange({ ...search, search: text.trim() || undefined });
  };
  const setList =
    <K extends keyof DeploymentSearch>(key: K) =>
    (values: string[]) =>
      onSearchChange({ ...search, [key]: values.length > 0 ? values : undefined });

  return (
    <Group align="flex-end" wrap="wrap" gap="sm" component="section" aria-label={t('deployments.filters.label')}>
      <Group
        component="form"
        onSubmit={submit}
        align="flex-end"
        gap="xs"
        role="search"
        aria-label={t('deployments.filters.searchLabel')}
      >
        <TextInput
          label={t('deployments.filters.search')}
          placeholder={t('deployments.filters.searchPlaceholder')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          w={240}
        />
        <Button type="submit" variant="default">
          {t('deployments.filters.search')}
        </Button>
      </Group>
      <ModelVersionFilter
        id={search.modelVersionIds?.[0] ?? null}
        onChange={(id) => onSearchChange({ ...search, modelVersionIds: id ? [id] : undefined })}
      />
      <MultiSelect
        styles={pillsFit}
        label={t('deployments.filters.team')}
        placeholder={search.teamIds?.length ? undefined : t('deployments.filters.anyTeam')}
        data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
        value={search.teamIds ?? []}
        onChange={setList('teamIds')}
        error={teams.isError ? t('deployments.filters.teamsFailed') : undefined}
        searchable
        w={220}
      />
      <MultiSelect
        styles={pillsFit}
        label={t('deployments.filters.environment')}
        placeholder={search.environments?.length ? undefined : t('deployments.filters.anyEnvironment')}
        data={optionsOf(environmentLabels)}
        value={search.environments ?? []}
        onChange={setList('environments')}
        searchable
        w={220}
      />
      <MultiSelect
        styles={pillsFit}
        label={t('deployments.filters.status')}
        placeholder={search.statuses?.length ? undefined : t('deployments.filters.anyStatus')}
        data={optionsOf(deploymentStatusLabels)}
        value={search.statuses ?? []}
        onChange={setList('statuses')}
        searchable
        w={180}
      />
      <MultiSelect
        styles={pillsFit}
        label={t('deployments.filters.dataClass')}
        placeholder={search.dataClassifications?.length ? undefined : t('deployments.filters.anyClass')}
        data={optionsOf(dataClassificationLabels)}
        value={search.dataClassifications ?? []}
        onChange={setList('dataClassifications')}
        searchable
        w={200}
      />
      <MultiSelect
        styles={pillsFit}
        label={t('deployments.filters.hostingTarget')}
        placeholder={search.hostingTargetIds?.length ? undefined : t('deployments.filters.anyHostingTarget')}
        data={(targets.data ?? []).map((target) => ({ value: target.id, label: target.name }))}
        value={search.hostingTargetIds ?? []}
        onChange={setList('hostingTargetIds')}
        error={targets.isError ? t('deployments.filters.hostingTargetsFailed') : undefined}
        searchable
        w={260}
      />
      {hasDeploymentFilters(search) && (
        <Button variant="subtle" onClick={() => onSearchChange({})}>
          {t('deployments.list.clearFilters')}
        </Button>
      )}
    </Group>
  );
}
