/** First start with an empty database: offer the demo workspace (a short crisis scenario). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useApp } from '../../app/context';

/** Renders the offer while the database is empty. */
export function DemoBanner() {
  const { t } = useTranslation();
  const { notify } = useApp();
  const [empty, setEmpty] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void call('app:info').then((r) => {
      if (r.ok) setEmpty(r.value.empty && !r.value.demoLoaded);
    });
  }, []);
  if (!empty) return null;
  const load = async () => {
    setBusy(true);
    const r = await call('demo:load', {});
    setBusy(false);
    if (r.ok) {
      setEmpty(false);
      notify(t('demo.loaded', { count: r.value.items }));
      window.location.reload();
    } else notify(t('errors.generic'));
  };
  return (
    <div className="banner" role="region" aria-label={t('demo.title')}>
      <p>
        <strong>{t('demo.title')}</strong> {t('demo.text')}
      </p>
      <button type="button" className="primary" disabled={busy} onClick={() => void load()}>
        {t('demo.load')}
      </button>
    </div>
  );
}
