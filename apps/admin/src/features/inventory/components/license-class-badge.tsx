import { Badge, type MantineSize } from '@mantine/core';
import type { LicenseClass } from '@modelgate/domain/inventory';
import { licenseClassColors, licenseClassLabels } from '../labels';

/** The class's name on its colour; `reason` (why the version has this class) shows on hover. */
export function LicenseClassBadge({
  licenseClass,
  reason,
  size,
}: {
  licenseClass: LicenseClass;
  reason?: string;
  size?: MantineSize;
}) {
  return (
    <Badge color={licenseClassColors[licenseClass]} variant="light" tt="none" title={reason} size={size}>
      {licenseClassLabels[licenseClass]}
    </Badge>
  );
}
