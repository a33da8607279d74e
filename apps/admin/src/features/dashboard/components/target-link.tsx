import type { MantineSize } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { AnchorLink } from '../../../components/router-links';
import type { DashboardTarget } from '../links';

/** A link to the list or report behind a figure, with its filters in the URL. */
export function TargetLink({
  target,
  children,
  size = 'sm',
}: {
  target: DashboardTarget;
  children: ReactNode;
  size?: MantineSize;
}) {
  switch (target.to) {
    case '/inventory':
      return (
        <AnchorLink to="/inventory" search={target.search} size={size}>
          {children}
        </AnchorLink>
      );
    case '/approvals':
      return (
        <AnchorLink to="/approvals" search={target.search} size={size}>
          {children}
        </AnchorLink>
      );
    case '/policies':
      return (
        <AnchorLink to="/policies" search={target.search} size={size}>
          {children}
        </AnchorLink>
      );
    case '/reports':
      return (
        <AnchorLink to="/reports" size={size}>
          {children}
        </AnchorLink>
      );
  }
}

/** Opens the list behind a chart's bar when it is clicked; the table beside the chart has the same links for keyboards. */
export function useFollowTarget(): (target: DashboardTarget) => void {
  const navigate = useNavigate();
  return (target) => {
    switch (target.to) {
      case '/inventory':
        return void navigate({ to: '/inventory', search: target.search });
      case '/approvals':
        return void navigate({ to: '/approvals', search: target.search });
      case '/policies':
        return void navigate({ to: '/policies', search: target.search });
      case '/reports':
        return void navigate({ to: '/reports' });
    }
  };
}
