import { Modal, type ModalProps } from '@mantine/core';
import { useEffect, useState } from 'react';

/**
 * A Mantine Modal for dialogs that are rendered only while open (`{open && <Dialog opened … />}`). Mantine returns
 * focus to the opener when `opened` turns false, which such a dialog never sees: it is unmounted instead, and focus
 * would fall to the page's body. This remembers the element that had focus when the dialog appeared and, once the
 * dialog is gone, gives focus back to it (WCAG 2.4.3), unless something else took focus meanwhile.
 */
export function Dialog(props: ModalProps) {
  const [opener] = useState(() => (typeof document === 'undefined' ? null : document.activeElement));
  useEffect(
    () => () => {
      if (!(opener instanceof HTMLElement)) return;
      // After the modal's own clean-up (its focus trap and portal) has run.
      window.setTimeout(() => {
        const active = document.activeElement;
        if (opener.isConnected && (active === null || active === document.body)) opener.focus({ preventScroll: true });
      }, 0);
    },
    [opener],
  );
  return <Modal {...props} />;
}
