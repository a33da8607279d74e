// Puts the saved theme (light, dark or the system's) on <html> before the first paint, so a dark-theme visit does
// not flash white while the app loads. Mantine's ColorSchemeScript does the same inline; the Content-Security-Policy
// allows no inline script, hence this file. The key is Mantine's localStorage colour-scheme manager's.
(function () {
  try {
    var saved = window.localStorage.getItem('mantine-color-scheme-value');
    var scheme =
      saved === 'light' || saved === 'dark'
        ? saved
        : window.matchMedia('(prefers-color-scheme: dark)').matches
          ? 'dark'
          : 'light';
    document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
  } catch {
    // No storage (private mode): the app decides once it starts.
  }
})();
