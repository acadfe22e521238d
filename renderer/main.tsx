/** Renderer entry: i18n first (French by default), then the app. */
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n';
import { App } from './app/App';
import './styles/app.css';
import { prefetchFirstPage } from './features/inbox/use-item-pages';
import { DEFAULT_FILTERS, toListInput } from './features/inbox/filters';
import { parseRoute } from './app/router';

// Priorité is the default screen: ask for its first page now, while React starts.
const route = parseRoute(window.location.hash);
if (route.screen === 'inbox') prefetchFirstPage(toListInput({ ...DEFAULT_FILTERS, query: route.query ?? '' }));
initI18n('fr');
const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
