import { useEffect, type RefObject } from 'react';
import { t } from './messages';

/**
 * Names the browser tab (and what a screen reader announces on a page change) after the page's own h1, e.g.
 * "Approvals – Modelgate" (WCAG 2.4.2). The heading can change once its data loads, so it is watched, not read once.
 */
export function useDocumentTitleFromHeading(main: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const element = main.current;
    if (!element) return;
    const update = () => {
      const heading = element.querySelector('h1')?.textContent?.trim();
      const title = heading ? t('shell.documentTitle', { page: heading }) : t('shell.brand');
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(element, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [main]);
}
