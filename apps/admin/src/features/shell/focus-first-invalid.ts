import { useEffect } from 'react';

/**
 * After any form in the app is submitted, if the submit left fields marked invalid (Mantine sets `aria-invalid` and
 * points `aria-describedby` at the error text of a field given an `error`), focus moves to the first of them, so a
 * keyboard or screen-reader user lands on the field with its error read out instead of staying on the button
 * (WCAG 3.3.1). A form whose submit succeeded, or that put focus elsewhere, is left alone.
 */
export function useFocusFirstInvalidOnSubmit() {
  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      const focusedBefore = document.activeElement;
      // The form's handler sets its errors during this event; React renders them before the next frame.
      window.requestAnimationFrame(() => {
        const active = document.activeElement;
        if (active !== focusedBefore && active !== document.body && active !== null) return;
        form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      });
    };
    document.addEventListener('submit', onSubmit);
    return () => document.removeEventListener('submit', onSubmit);
  }, []);
}
