import { Badge } from '@mantine/core';
import type { LicenseClass } from '@modelgate/domain/inventory';
import { licenseClassColors, licenseClassLabels } from '../labels';

export function LicenseClassBadge({ licenseClass }: { licenseClass: LicenseClass }) {
  return (
    <Badge color={licenseClassColors[licenseClass]} variant="light" tt="none">
      {licenseClassLabels[licenseClass]}
    </Badge>
  );
}
