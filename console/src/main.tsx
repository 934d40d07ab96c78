import { render } from 'preact';
import { App } from './App';
import { I18nProvider } from './i18n';
import { injectStyles } from './ui/inject-styles';

injectStyles();
const root = document.getElementById('app')!;
root.textContent = ''; // the "Loading…" placeholder of index.html
render(
  <I18nProvider>
    <App />
  </I18nProvider>,
  root,
);
