import { t } from '../messages';

/** The dot between facts on one line. */
export function Separator() {
  return <> {t('approvals.separator')} </>;
}
