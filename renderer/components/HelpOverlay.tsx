/** The keyboard help ("?"): a modal dialog listing every binding. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { KEY_BINDINGS } from '../app/keymap';
import { useFocusTrap } from './use-focus-trap';

/** Props: close callback. */
export interface HelpOverlayProps {
  onClose: () => void;
}

/** Renders the dialog; focus goes to the close button and Escape closes (handled by the app's key map). */
export function HelpOverlay({ onClose }: HelpOverlayProps) {
  const { t } = useTranslation();
  const closeRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  useFocusTrap(dialogRef);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div
        ref={dialogRef}
        className="dialog help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="dialog-head">
          <h2 id="help-title">{t('keys.title')}</h2>
          <button ref={closeRef} type="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
        <table className="keys">
          <caption className="sr-only">{t('keys.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('keys.key')}</th>
              <th scope="col">{t('keys.action')}</th>
            </tr>
          </thead>
          <tbody>
            {KEY_BINDINGS.map((b) => (
              <tr key={b.key}>
                <td>
                  {b.key.split(' ').map((k, i) => (
                    <kbd key={i}>{k === ' ' ? 'Espace' : k}</kbd>
                  ))}
                </td>
                <td>{t(b.label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
