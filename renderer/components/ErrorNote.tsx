/** Shows a back-end error by its code: the UI picks the words, the message is a detail. */
import { useTranslation } from 'react-i18next';
import type { SerializedError } from '../../shared/errors';

/** Props: the error (null renders nothing). */
export interface ErrorNoteProps {
  error: SerializedError | null;
}

/** Renders an alert with the translated code and the technical message. */
export function ErrorNote({ error }: ErrorNoteProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const family = error.code.startsWith('http.') ? 'http' : error.code;
  return (
    <p className="error-note" role="alert">
      <strong>{t(`errors.${family.replace('.', '_')}`, { defaultValue: t('errors.generic') })}</strong>
      {error.message ? <span className="muted"> — {error.message}</span> : null}
    </p>
  );
}
