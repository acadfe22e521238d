/** Renderer entry: i18n first (French by default), then the app. */
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n';
import { App } from './app/App';
import './styles/app.css';

initI18n('fr');
const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
