import { Anchor, Button, type AnchorProps, type ButtonProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import type { ComponentPropsWithRef } from 'react';

// Mantine's `component={Link}` loses the router's typing of `to` and `params`; these keep it.

function MantineAnchor(props: AnchorProps & ComponentPropsWithRef<'a'>) {
  return <Anchor {...props} />;
}

function MantineButtonAnchor(props: ButtonProps & ComponentPropsWithRef<'a'>) {
  return <Button component="a" {...props} />;
}

/** A Mantine Anchor that navigates within the app, with typed route params. */
export const AnchorLink = createLink(MantineAnchor);

/** A Mantine Button that navigates within the app, with typed route params. */
export const ButtonLink = createLink(MantineButtonAnchor);
